-- A token bucket, shared by every instance. Uses the Redis server's clock, so instances with skewed clocks still
-- share one budget.
--
-- KEYS[1] the bucket (hash: tokens, at)
-- ARGV[1] tokens per second   ARGV[2] burst (capacity)   ARGV[3] tokens to draw: 1, or 0 to only look
--
-- Returns { allowed (0/1), milliseconds until the next token when denied }.

local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) + tonumber(time[2]) / 1000000

local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(bucket[1]) or burst
local at = tonumber(bucket[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)

local allowed = 0
local retryMs = 0
if tokens >= 1 then
  tokens = tokens - cost
  allowed = 1
else
  retryMs = math.ceil((1 - tokens) / rate * 1000)
end

if cost == 0 then
  return { allowed, retryMs }
end

redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%.17g', now))
-- Once full again the bucket is the same as no bucket: let it expire.
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate * 1000) + 1000)
return { allowed, retryMs }
