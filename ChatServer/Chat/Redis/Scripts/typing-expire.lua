-- Claims up to ARGV[1] entries of the expiry index whose time has come. The claim is atomic, so across all
-- instances each entry is handed to exactly one; typing-lapse.lua then decides, in the room's slot, whether it
-- still stands for live typing to report as ended.
--
-- KEYS[1] all typing expiries (sorted set of 'room\nuser')
-- ARGV[1] batch size
--
-- Returns the claimed 'room\nuser' members.

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
if #expired > 0 then
  redis.call('ZREM', KEYS[1], unpack(expired))
end
return expired
