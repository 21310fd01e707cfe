-- Starts or refreshes typing: an expiring key per (room, user), plus two indexes scored by expiry time so the
-- room's typists can be listed and expiries found without scanning the keyspace.
--
-- KEYS[1] the typing key   KEYS[2] the room's typists (sorted set)   KEYS[3] all typing expiries (sorted set)
-- ARGV[1] room   ARGV[2] user   ARGV[3] expiry, milliseconds
--
-- Returns 1 when the user was not typing in the room before.

local time = redis.call('TIME')
local expiresAt = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) + tonumber(ARGV[3])
local wasTyping = redis.call('EXISTS', KEYS[1])
redis.call('SET', KEYS[1], '1', 'PX', ARGV[3])
redis.call('ZADD', KEYS[2], expiresAt, ARGV[2])
redis.call('ZADD', KEYS[3], expiresAt, ARGV[1] .. '\n' .. ARGV[2])
if wasTyping == 1 then
  return 0
end
return 1
