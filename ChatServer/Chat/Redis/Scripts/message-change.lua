-- Records a change to a message (edit, delete, reactions) as an entry of the room's stream, stores the message's new
-- state and publishes the change on the room's channel, in one atomic step: changes take their place in the room's
-- one order, between its messages, for every instance and for every later read. The new state was computed by the
-- caller from the state it read (MessageChangeRules); it is written only if that state is still current
-- (compare-and-set), else nothing happens and the caller reads again.
--
-- KEYS[1] the room's stream   KEYS[2] the room's message states (hash: message id -> JSON)
-- KEYS[3] the room's changed-message index (sorted set: message id scored by its milliseconds)
-- ARGV[1] the message id      ARGV[2] the state read ('' for none)   ARGV[3] the new state
-- ARGV[4] the kind (1 edited, 2 deleted, 3 reactions)   ARGV[5] who made the change
-- ARGV[6] max length (approximate trim)   ARGV[7] the room's channel
-- ARGV[8] the message's new state as the room hears it (ChatMessage JSON)
--
-- The published record (RoomChangeRecord) is byte 4, the change's id as '<length>:<bytes>', the kind as one digit,
-- then the JSON. Returns the change's id, or false when the state moved on since it was read.

local current = redis.call('HGET', KEYS[2], ARGV[1]) or ''
if current ~= ARGV[2] then
  return false
end

local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[6], '*', 'kind', ARGV[4], 'target', ARGV[1], 'user', ARGV[5])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('ZADD', KEYS[3], tonumber(string.match(ARGV[1], '^(%d+)')), ARGV[1])

-- States of messages trimmed from the stream go too, a bounded batch per change.
local oldest = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
if #oldest > 0 then
  local gone = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', '(' .. string.match(oldest[1][1], '^(%d+)'), 'LIMIT', 0, 100)
  if #gone > 0 then
    redis.call('HDEL', KEYS[2], unpack(gone))
    redis.call('ZREM', KEYS[3], unpack(gone))
  end
end

redis.call('PUBLISH', ARGV[7], '\4' .. string.len(id) .. ':' .. id .. ARGV[4] .. ARGV[8])
return id
