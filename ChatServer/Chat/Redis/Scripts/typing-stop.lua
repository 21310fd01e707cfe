-- Stops typing.
--
-- KEYS[1] the typing key   KEYS[2] the room's typists   KEYS[3] all typing expiries
-- ARGV[1] room   ARGV[2] user
--
-- Returns 1 when the user was typing (the key was live).

redis.call('ZREM', KEYS[2], ARGV[2])
redis.call('ZREM', KEYS[3], ARGV[1] .. '\n' .. ARGV[2])
return redis.call('DEL', KEYS[1])
