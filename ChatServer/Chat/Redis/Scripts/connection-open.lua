-- Records a new connection of a user, unless the user already holds the most allowed (on any instance). The
-- connection is recorded under its instance, so a dead instance's sweep (presence-disconnect.lua) removes it from
-- the user's connections too.
--
-- KEYS[1] the user's connections (set)   KEYS[2] the connection's owner (hash: user, instance)
-- KEYS[3] the instance's connections (set)
-- ARGV[1] user   ARGV[2] connection id   ARGV[3] instance id   ARGV[4] most connections per user
--
-- Returns 1 when recorded, 0 when the user is at the cap.

if redis.call('SISMEMBER', KEYS[1], ARGV[2]) == 0 and redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[4]) then
  return 0
end
redis.call('SADD', KEYS[1], ARGV[2])
redis.call('HSET', KEYS[2], 'user', ARGV[1], 'instance', ARGV[3])
redis.call('SADD', KEYS[3], ARGV[2])
return 1
