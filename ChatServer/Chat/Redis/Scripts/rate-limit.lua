-- A token bucket, shared by every instance (the bucket functions are token-bucket.lua's, put in front of this text).
--
-- KEYS[1] the bucket (hash: tokens, at)
-- ARGV[1] tokens per second   ARGV[2] burst (capacity)   ARGV[3] tokens to draw: 1, or 0 to only look
--
-- Returns { allowed (0/1), milliseconds until the next token when denied }.

local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local now = bucket_now()
local tokens = bucket_tokens(KEYS[1], rate, burst, now)

if tokens < 1 then
  return { 0, bucket_wait_ms(tokens, rate) }
end

if cost > 0 then
  bucket_save(KEYS[1], tokens - cost, rate, burst, now)
end
return { 1, 0 }
