-- Records that a connection joined a room.
--
-- KEYS[1] the room's online users (set)      KEYS[2] the user's connections in the room (set)
-- KEYS[3] the connection's rooms (set)       KEYS[4] the connection's owner (hash: user, instance)
-- KEYS[5] the instance's connections (set)   KEYS[6] online user count per room (sorted set)
-- ARGV[1] room   ARGV[2] user   ARGV[3] connection id   ARGV[4] instance id
--
-- Returns 1 when this is the user's first connection in the room.

redis.call('HSET', KEYS[4], 'user', ARGV[2], 'instance', ARGV[4])
redis.call('SADD', KEYS[5], ARGV[3])
redis.call('SADD', KEYS[3], ARGV[1])
if redis.call('SADD', KEYS[2], ARGV[3]) == 1 and redis.call('SCARD', KEYS[2]) == 1 then
  redis.call('SADD', KEYS[1], ARGV[2])
  redis.call('ZINCRBY', KEYS[6], 1, ARGV[1])
  return 1
end
return 0
