-- Creates an account unless the name (lower-cased in the key) is taken.
--
-- KEYS[1] the account (hash)
-- ARGV[1] user name as registered   ARGV[2] password hash   ARGV[3] created at (ISO-8601)
-- ARGV[4] account id (immutable)    ARGV[5] security stamp
--
-- Returns 1 when created.

if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'name', ARGV[1], 'hash', ARGV[2], 'created', ARGV[3], 'id', ARGV[4], 'stamp', ARGV[5])
return 1
