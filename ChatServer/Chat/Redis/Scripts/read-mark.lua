-- Moves a user's read marker in a room forward, never back.
--
-- KEYS[1] the user's markers (hash: room -> message id)   ARGV[1] room   ARGV[2] message id
-- Returns 1 when the marker moved, 0 when it already stood at or after ARGV[2].

local current = redis.call('HGET', KEYS[1], ARGV[1])
if current then
  local cms, cseq = string.match(current, '^(%d+)-(%d+)$')
  local nms, nseq = string.match(ARGV[2], '^(%d+)-(%d+)$')
  cms, cseq, nms, nseq = tonumber(cms), tonumber(cseq), tonumber(nms), tonumber(nseq)
  if nms < cms or (nms == cms and nseq <= cseq) then
    return 0
  end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
