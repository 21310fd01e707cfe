-- Reads a room's messages in their current state in one round trip: the stream entries, each message's state
-- (KEYS[2], written by message-change.lua) and, for a reply, the original's entry and state (for its excerpt). Change
-- entries (field 'kind') are skipped by 'before' and 'one', and returned in place by 'after'.
--
-- KEYS[1] the room's stream   KEYS[2] the room's message states
-- ARGV[1] mode: 'before' (the newest ARGV[3] messages up to ARGV[2] inclusive, '+' for the newest),
--               'after' (the first ARGV[3] messages from ARGV[2] inclusive, with the changes among them),
--               'one' (the message ARGV[2])
--
-- Returns { hasMore (0/1), item, … } in stream order; an item is
-- { entry id, kind ('' for a message), message id, message fields, state or nil, reply fields or nil, reply state or nil }.

local stream, states = KEYS[1], KEYS[2]
local mode, bound, limit = ARGV[1], ARGV[2], tonumber(ARGV[3])
local BATCH = 200

local function field(values, name)
  for i = 1, #values, 2 do
    if values[i] == name then return values[i + 1] end
  end
  return nil
end

local function item(entryId, kind, messageId, values)
  local replyValues, replyState = false, false
  local reply = field(values, 'reply')
  if reply and reply ~= '' then
    local original = redis.call('XRANGE', stream, reply, reply)
    if #original > 0 then
      replyValues = original[1][2]
      replyState = redis.call('HGET', states, reply)
    end
  end
  return { entryId, kind, messageId, values, redis.call('HGET', states, messageId), replyValues, replyState }
end

-- A change's item carries its target's current state; nil when the target was trimmed away.
local function changeItem(entry)
  local target = field(entry[2], 'target')
  local found = redis.call('XRANGE', stream, target, target)
  if #found == 0 then return nil end
  return item(entry[1], field(entry[2], 'kind'), target, found[1][2])
end

if mode == 'one' then
  local found = redis.call('XRANGE', stream, bound, bound)
  if #found == 0 or field(found[1][2], 'kind') then return { 0 } end
  return { 0, item(bound, '', bound, found[1][2]) }
end

local result = { 0 }
if mode == 'before' then
  local collected = {}
  local stop = bound
  while #collected <= limit do
    local entries = redis.call('XREVRANGE', stream, stop, '-', 'COUNT', BATCH)
    for _, entry in ipairs(entries) do
      if not field(entry[2], 'kind') then
        collected[#collected + 1] = entry
        if #collected > limit then break end
      end
    end
    if #entries < BATCH then break end
    stop = '(' .. entries[#entries][1]
  end
  if #collected > limit then
    result[1] = 1
    collected[#collected] = nil
  end
  for i = #collected, 1, -1 do
    result[#result + 1] = item(collected[i][1], '', collected[i][1], collected[i][2])
  end
  return result
end

local start = bound
local messages, lastMessage = 0, 1
while true do
  local entries = redis.call('XRANGE', stream, start, '+', 'COUNT', BATCH)
  for _, entry in ipairs(entries) do
    if field(entry[2], 'kind') then
      local change = changeItem(entry)
      if change then result[#result + 1] = change end
    else
      messages = messages + 1
      if messages > limit then
        -- Cut: the changes after the last message returned belong to the next read.
        for i = #result, lastMessage + 1, -1 do result[i] = nil end
        result[1] = 1
        return result
      end
      result[#result + 1] = item(entry[1], '', entry[1], entry[2])
      lastMessage = #result
    end
  end
  if #entries < BATCH then break end
  start = '(' .. entries[#entries][1]
end
return result
