-- Renews an instance's presence lease on the Redis server's clock (the sweeper compares against the same clock).
--
-- KEYS[1] instance leases (sorted set, score = lease end in ms)
-- ARGV[1] instance id   ARGV[2] lease length, milliseconds
--
-- Returns 1 when the instance had no lease: first start, or it was swept as dead meanwhile.

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
return redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
