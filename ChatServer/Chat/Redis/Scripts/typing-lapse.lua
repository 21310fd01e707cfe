-- Ends a user's typing in a room whose expiry entry typing-expire.lua claimed, if it is still recorded and its time
-- has passed. Nothing when typing was stopped meanwhile (StopTyping, a message) or started again (a new expiry,
-- indexed anew before it was recorded): so an expiry is reported once, and never for typing that ended otherwise.
--
-- KEYS[1] the typing key   KEYS[2] the room's typists   (both tagged {room}: one slot)
-- ARGV[1] user
--
-- Returns 1 when the typing lapsed here (report it), else 0.

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local expiresAt = redis.call('ZSCORE', KEYS[2], ARGV[1])
if not expiresAt or tonumber(expiresAt) > now then
  return 0
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('DEL', KEYS[1])
return 1
