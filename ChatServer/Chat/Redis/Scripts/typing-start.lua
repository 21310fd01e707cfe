-- Starts or refreshes typing: an expiring key per (room, user), plus the room's typists scored by expiry time so they
-- can be listed without scanning the keyspace. The expiry comes from typing-index.lua, which indexed it first.
--
-- KEYS[1] the typing key   KEYS[2] the room's typists (sorted set)   (both tagged {room}: one slot)
-- ARGV[1] user   ARGV[2] expiry (unix ms, Redis clock)
--
-- Returns 1 when the user was not typing in the room before.

local wasTyping = redis.call('EXISTS', KEYS[1])
redis.call('SET', KEYS[1], '1', 'PXAT', ARGV[2])
redis.call('ZADD', KEYS[2], 'GT', ARGV[2], ARGV[1])
if wasTyping == 1 then
  return 0
end
return 1
