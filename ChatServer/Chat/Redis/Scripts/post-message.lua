-- Draws the send's rate-limit budgets, appends the message to its room's stream, publishes it on the room's channel
-- and ends its author's typing in the room, in one atomic step: every instance receives a room's messages in
-- stream-id order, and a send costs one round trip. A repeated (user, client message id) returns the first message
-- instead, drawing, changing and publishing nothing. When a budget is empty nothing is drawn or stored. The bucket
-- functions are token-bucket.lua's, put in front of this text.
--
-- KEYS[1] the room's stream        KEYS[2] the idempotency key (the stream when there is no client message id)
-- KEYS[3] the author's typing key  KEYS[4] the room's typists
-- KEYS[5..] the budgets' buckets (none, or the sender's and the sender's address's): keys of their own slots, as the
-- idempotency key is (docs/scale-out.md)
-- All but the idempotency key carry the room as hash tag ({room}); that key is the user's, since a client message id
-- is unique per user (docs/scale-out.md, "Redis Cluster readiness"). The set of rooms with history is not touched here: the caller
-- adds the room to it beside this script (RedisMessageStore), and the typing expiry index is left to lapse
-- (RedisTypingTracker): both are global keys of other slots.
-- ARGV[1] max length (approximate trim)   ARGV[2] room   ARGV[3] user   ARGV[4] text
-- ARGV[5] client message id or ''         ARGV[6] idempotency window, seconds
-- ARGV[7] the room's channel
-- ARGV[8] the id of the message replied to or ''   ARGV[9] its author   ARGV[10] its excerpt
-- ARGV[11] the mentioned users, space-separated, or ''
-- ARGV[12..] per budget, tokens per second then burst
--
-- The published record (RoomMessageRecord) is byte 2, then id, room, user, text and client message id, then (for a
-- reply or a message with mentions) reply id, reply author, reply excerpt and mentions, each as '<length>:<bytes>'.
-- The stream entry keeps only the reply's id ('reply') and the mentions ('mentions'): reads take the excerpt from
-- the original as it is then.
--
-- Returns { id, isDuplicate (0/1), user, text, clientMessageId, endedTyping (0/1) }, or { 'rate-limited',
-- milliseconds until the empty budget has a token }.

local function field(s)
  return string.len(s) .. ':' .. s
end

if ARGV[5] ~= '' then
  local existing = redis.call('GET', KEYS[2])
  if existing then
    local entries = redis.call('XRANGE', KEYS[1], existing, existing)
    if #entries == 0 then
      -- Trimmed away since: still a retry, answered with what the caller sent.
      return { existing, 1, ARGV[3], ARGV[4], ARGV[5], 0 }
    end
    local stored = {}
    local values = entries[1][2]
    for i = 1, #values, 2 do
      stored[values[i]] = values[i + 1]
    end
    return { existing, 1, stored['user'] or ARGV[3], stored['text'] or ARGV[4], stored['cmid'] or ARGV[5], 0 }
  end
end

local budgets = #KEYS - 4
if budgets > 0 then
  local now = bucket_now()
  local tokens = {}
  for i = 1, budgets do
    tokens[i] = bucket_tokens(KEYS[4 + i], tonumber(ARGV[10 + 2 * i]), tonumber(ARGV[11 + 2 * i]), now)
    if tokens[i] < 1 then
      return { 'rate-limited', bucket_wait_ms(tokens[i], tonumber(ARGV[10 + 2 * i])) }
    end
  end
  for i = 1, budgets do
    bucket_save(KEYS[4 + i], tokens[i] - 1, tonumber(ARGV[10 + 2 * i]), tonumber(ARGV[11 + 2 * i]), now)
  end
end

local id
if ARGV[8] ~= '' or ARGV[11] ~= '' then
  id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'user', ARGV[3], 'text', ARGV[4], 'cmid', ARGV[5], 'reply', ARGV[8], 'replyuser', ARGV[9], 'mentions', ARGV[11])
else
  id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'user', ARGV[3], 'text', ARGV[4], 'cmid', ARGV[5])
end
if ARGV[5] ~= '' then
  redis.call('SET', KEYS[2], id, 'EX', ARGV[6])
end
local record = '\2' .. field(id) .. field(ARGV[2]) .. field(ARGV[3]) .. field(ARGV[4]) .. field(ARGV[5])
if ARGV[8] ~= '' or ARGV[11] ~= '' then
  record = record .. field(ARGV[8]) .. field(ARGV[9]) .. field(ARGV[10]) .. field(ARGV[11])
end
redis.call('PUBLISH', ARGV[7], record)

-- As typing-stop.lua: a message ends its author's typing.
redis.call('ZREM', KEYS[4], ARGV[3])
local endedTyping = redis.call('DEL', KEYS[3])
return { id, 0, ARGV[3], ARGV[4], ARGV[5], endedTyping }
