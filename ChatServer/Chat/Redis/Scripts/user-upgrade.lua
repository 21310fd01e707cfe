-- Gives an account registered before accounts had ids its id and security stamp, once: HSETNX, so when two
-- instances upgrade it at the same moment the first one's values stay and both read them back.
--
-- KEYS[1] the account (hash)
-- ARGV[1] account id   ARGV[2] security stamp
--
-- Returns the account's fields (HGETALL), empty when it does not exist.

if redis.call('EXISTS', KEYS[1]) == 0 then
  return {}
end
redis.call('HSETNX', KEYS[1], 'id', ARGV[1])
redis.call('HSETNX', KEYS[1], 'stamp', ARGV[2])
return redis.call('HGETALL', KEYS[1])
