-- Applies a job state change unless the job is final, atomically, so a worker's late progress report can never
-- undo a cancellation. Returns the job's hash as it is now (HGETALL), or nil when the job is gone (expired).
-- KEYS[1]  the job's state hash
-- ARGV[1]  new status   ARGV[2] progress   ARGV[3] error ('' for none)
-- ARGV[4]  '1' when a worker starts an attempt (attempts + 1)   ARGV[5] time to live in ms
if redis.call('EXISTS', KEYS[1]) == 0 then
  return nil
end
local status = redis.call('HGET', KEYS[1], 'status')
if status ~= 'succeeded' and status ~= 'failed' and status ~= 'cancelled' then
  redis.call('HSET', KEYS[1], 'status', ARGV[1], 'progress', ARGV[2], 'error', ARGV[3])
  if ARGV[4] == '1' then
    redis.call('HINCRBY', KEYS[1], 'attempts', 1)
  end
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
end
return redis.call('HGETALL', KEYS[1])
