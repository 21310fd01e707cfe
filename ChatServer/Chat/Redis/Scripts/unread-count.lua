-- Counts a room's messages from ARGV[1] (inclusive; '-' for the start) not written by ARGV[2] (lower-cased) and not
-- deleted, up to ARGV[3]; reads at most ARGV[4] stream entries, so the work is bounded whatever the room's size.
--
-- KEYS[1] the room's stream   KEYS[2] the room's message states

local start, user, cap, budget = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local count = 0
while budget > 0 and count < cap do
  local entries = redis.call('XRANGE', KEYS[1], start, '+', 'COUNT', math.min(budget, 200))
  if #entries == 0 then break end
  for _, entry in ipairs(entries) do
    local values, kind, author = entry[2], nil, ''
    for i = 1, #values, 2 do
      if values[i] == 'kind' then kind = values[i + 1] elseif values[i] == 'user' then author = values[i + 1] end
    end
    if not kind and string.lower(author) ~= user then
      local state = redis.call('HGET', KEYS[2], entry[1])
      if not (state and string.find(state, '"deleted":true', 1, true)) then
        count = count + 1
        if count >= cap then break end
      end
    end
  end
  budget = budget - #entries
  if #entries < 200 then break end
  start = '(' .. entries[#entries][1]
end
return count
