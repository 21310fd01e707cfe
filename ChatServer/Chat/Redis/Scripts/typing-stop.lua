-- Stops typing. The user's entry in the global expiry index stays: typing-lapse.lua finds nothing to expire for it.
--
-- KEYS[1] the typing key   KEYS[2] the room's typists   (both tagged {room}: one slot)
-- ARGV[1] user
--
-- Returns 1 when the user was typing (the key was live).

redis.call('ZREM', KEYS[2], ARGV[1])
return redis.call('DEL', KEYS[1])
