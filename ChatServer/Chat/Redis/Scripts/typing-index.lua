-- Notes that a user's typing in a room will need expiring, before typing-start.lua records it: the expiry index is
-- one key for all rooms (another hash slot than the room's keys), so it is written first and may hold more than is
-- live; typing-lapse.lua checks each claimed entry against the room's own keys. The score only moves forward (GT),
-- so an index entry never falls before the room's own expiry of the same typing.
--
-- KEYS[1] all typing expiries (sorted set of 'room\nuser', scored by expiry, ms on the Redis server's clock)
-- ARGV[1] room   ARGV[2] user   ARGV[3] expiry, milliseconds
--
-- Returns the expiry (unix ms) for typing-start.lua.

local time = redis.call('TIME')
local expiresAt = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) + tonumber(ARGV[3])
redis.call('ZADD', KEYS[1], 'GT', expiresAt, ARGV[1] .. '\n' .. ARGV[2])
return expiresAt
