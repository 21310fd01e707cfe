-- Ends a refresh-token family (logout), when the presented token is its current one or a replaced one and the
-- family belongs to the caller.
--
-- KEYS[1] the family (hash)   KEYS[2] the presented token's "replaced" marker (same hash tag)
-- ARGV[1] presented token hash   ARGV[2] the caller's user name, lower-cased
--
-- Returns 1 when the family was revoked.

local family = redis.call('HMGET', KEYS[1], 'user', 'current')
if not family[1] or string.lower(family[1]) ~= ARGV[2] then
  return 0
end
if family[2] ~= ARGV[1] and redis.call('EXISTS', KEYS[2]) == 0 then
  return 0
end
redis.call('DEL', KEYS[1])
return 1
