-- Claims up to ARGV[2] expired typing entries. The claim is atomic, so across all instances each expiry is
-- reported (and broadcast as TypingChanged false) exactly once.
--
-- KEYS[1] all typing expiries (sorted set of 'room\nuser')
-- ARGV[1] key prefix   ARGV[2] batch size
--
-- Returns the claimed 'room\nuser' members.

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
for _, member in ipairs(expired) do
  redis.call('ZREM', KEYS[1], member)
  local newline = string.find(member, '\n', 1, true)
  local room = string.sub(member, 1, newline - 1)
  local user = string.sub(member, newline + 1)
  redis.call('ZREMRANGEBYSCORE', ARGV[1] .. 'typing-room:' .. room, '-inf', now)
  redis.call('DEL', ARGV[1] .. 'typing:' .. room .. ':' .. user)
end
return expired
