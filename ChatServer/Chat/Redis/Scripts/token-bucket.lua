-- Token buckets, shared by rate-limit.lua and post-message.lua: ChatRedisScripts puts this text in front of each, so
-- a send can draw its budgets in the same script that stores it. Each bucket is a hash (tokens, at) on the Redis
-- server's clock, so instances with skewed clocks still share one budget.

local function bucket_now()
  local time = redis.call('TIME')
  return tonumber(time[1]) + tonumber(time[2]) / 1000000
end

-- The tokens in the bucket at `now`, refilled at `rate` per second up to `burst`.
local function bucket_tokens(key, rate, burst, now)
  local bucket = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(bucket[1]) or burst
  local at = tonumber(bucket[2]) or now
  return math.min(burst, tokens + math.max(0, now - at) * rate)
end

-- Milliseconds until a bucket holding `tokens` has one.
local function bucket_wait_ms(tokens, rate)
  return math.ceil((1 - tokens) / rate * 1000)
end

local function bucket_save(key, tokens, rate, burst, now)
  redis.call('HSET', key, 'tokens', string.format('%.17g', tokens), 'at', string.format('%.17g', now))
  -- Once full again the bucket is the same as no bucket: let it expire.
  redis.call('PEXPIRE', key, math.ceil((burst - tokens) / rate * 1000) + 1000)
end
