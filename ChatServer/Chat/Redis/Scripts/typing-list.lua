-- The users typing in a room: index entries not yet expired whose key is still live.
--
-- KEYS[1] the room's typists (sorted set)
-- ARGV[1] the typing key prefix for this room ('<prefix>typing:{<room>}:'): the keys it builds carry the room's hash
-- tag, so they are in KEYS[1]'s slot.
--
-- Returns the user names.

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local typing = {}
for _, user in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')) do
  if redis.call('EXISTS', ARGV[1] .. user) == 1 then
    table.insert(typing, user)
  end
end
return typing
