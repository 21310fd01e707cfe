-- Records that a connection left a room.
--
-- KEYS[1] the room's online users (set)   KEYS[2] the user's connections in the room (set)
-- KEYS[3] the connection's rooms (set)    KEYS[4] online user count per room (sorted set)
-- ARGV[1] room   ARGV[2] user   ARGV[3] connection id
--
-- Returns 1 when it was the user's last connection in the room.

redis.call('SREM', KEYS[3], ARGV[1])
if redis.call('SREM', KEYS[2], ARGV[3]) == 1 and redis.call('SCARD', KEYS[2]) == 0 then
  redis.call('SREM', KEYS[1], ARGV[2])
  if tonumber(redis.call('ZINCRBY', KEYS[4], -1, ARGV[1])) <= 0 then
    redis.call('ZREM', KEYS[4], ARGV[1])
  end
  return 1
end
return 0
