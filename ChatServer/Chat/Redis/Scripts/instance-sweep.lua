-- Claims one dead instance: an instance whose lease (score, ms) ran out. Removing it from the lease set is the
-- claim, so exactly one surviving instance sweeps it.
--
-- KEYS[1] instance leases (sorted set)
-- ARGV[1] the claiming instance (never claims itself)
--
-- Returns the dead instance id, or nil.

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
for _, instance in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, 10)) do
  if instance ~= ARGV[1] then
    redis.call('ZREM', KEYS[1], instance)
    return instance
  end
end
return false
