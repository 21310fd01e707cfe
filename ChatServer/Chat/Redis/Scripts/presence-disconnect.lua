-- Removes a closed (or crashed) connection from every room it joined and from its user's connections, and forgets it.
-- The per-room keys are derived from the prefix here because the rooms are only known inside the script
-- (ChatServer runs against a single Redis, not Redis Cluster).
--
-- KEYS[1] the connection's rooms (set)   KEYS[2] the connection's owner (hash)
-- KEYS[3] the instance's connections (set, '' to leave as is)   KEYS[4] online user count per room (sorted set)
-- ARGV[1] key prefix   ARGV[2] user   ARGV[3] connection id
--
-- Returns a flat list: room, left (0/1), room, left, ... where left = 1 when the user has no other
-- connection in that room.

local result = {}
local rooms = redis.call('SMEMBERS', KEYS[1])
for _, room in ipairs(rooms) do
  local users = ARGV[1] .. 'presence:room:' .. room .. ':users'
  local connections = ARGV[1] .. 'presence:room:' .. room .. ':user:' .. ARGV[2]
  local left = 0
  if redis.call('SREM', connections, ARGV[3]) == 1 and redis.call('SCARD', connections) == 0 then
    redis.call('SREM', users, ARGV[2])
    if tonumber(redis.call('ZINCRBY', KEYS[4], -1, room)) <= 0 then
      redis.call('ZREM', KEYS[4], room)
    end
    left = 1
  end
  table.insert(result, room)
  table.insert(result, left)
end
redis.call('SREM', ARGV[1] .. 'presence:user:' .. ARGV[2] .. ':connections', ARGV[3])
redis.call('DEL', KEYS[1], KEYS[2])
if KEYS[3] ~= '' then
  redis.call('SREM', KEYS[3], ARGV[3])
end
return result
