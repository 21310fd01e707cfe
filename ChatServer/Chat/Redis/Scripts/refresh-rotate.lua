-- Rotates a refresh token: when the presented token is its family's current one, the next token takes its place;
-- when it was current once and has been replaced since, it is a replay (a stolen copy, or the user's own after the
-- thief's), and the whole family is revoked. One script, so two instances presented the same token at once cannot
-- both rotate it.
--
-- KEYS[1] the family (hash: user, account, stamp, current, expires)
-- KEYS[2] the presented token's "replaced" marker (string, TTL)
-- Both carry the family id as a hash tag ({id}), so they are in one slot.
-- ARGV[1] presented token hash   ARGV[2] next token hash   ARGV[3] next expiry (unix ms)   ARGV[4] now (unix ms)
--
-- Returns {'rotated', user, account, stamp} | {'reused', user, account, stamp} | {'invalid'}

local now = tonumber(ARGV[4])
local family = redis.call('HMGET', KEYS[1], 'user', 'account', 'stamp', 'current', 'expires')
if not family[1] then
  return {'invalid'}
end

if family[4] == ARGV[1] then
  local expires = tonumber(family[5])
  if expires <= now then
    redis.call('DEL', KEYS[1])
    return {'invalid'}
  end
  local nextExpires = tonumber(ARGV[3])
  redis.call('HSET', KEYS[1], 'current', ARGV[2], 'expires', ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.max(1, nextExpires - now))
  -- Remembered as long as the replaced token would have worked: a replay of it after that is just invalid.
  redis.call('SET', KEYS[2], '1', 'PX', expires - now)
  return {'rotated', family[1], family[2], family[3]}
end

if redis.call('EXISTS', KEYS[2]) == 1 then
  redis.call('DEL', KEYS[1])
  return {'reused', family[1], family[2], family[3]}
end
return {'invalid'}
