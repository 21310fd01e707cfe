using ChatServer.Chat.Redis;
using ChatServer.Tests.Infrastructure;
using StackExchange.Redis;

namespace ChatServer.Tests.Contracts.RedisCluster;

/// <summary>
/// That the cluster node really refuses what a cluster refuses (so the contract suites beside this one prove
/// something), and that every key of a room's scripts names the room's slot.
/// </summary>
[Collection(RedisClusterNodeCollection.Name)]
public sealed class ClusterKeySlotTests(RedisClusterNodeFixture redis)
{
    [Fact]
    public async Task The_node_refuses_a_script_whose_keys_cross_slots()
    {
        var keys = new RedisKeys("slots");
        var room = "r" + Guid.NewGuid().ToString("N")[..16];
        const string script = "return redis.call('EXISTS', KEYS[1], KEYS[2])";

        // Raw, so the refusal is the server's, not a check in the client.
        var refused = await redis.Server.SendRawAsync($"EVAL \"{script}\" 2 {keys.LegacyRoomHistoryKeys(room)[0]} {keys.LegacyRoomHistoryKeys(room)[1]}");
        var accepted = await redis.Server.SendRawAsync($"EVAL \"{script}\" 2 {keys.RoomStream(room)} {keys.RoomMessageStates(room)}");

        Assert.StartsWith("-CROSSSLOT", refused, StringComparison.Ordinal);
        Assert.Equal(":0", accepted);
    }

    [Theory]
    [InlineData("general")]
    [InlineData("dm:alice:bob")]
    public void Every_key_of_a_rooms_scripts_is_in_the_rooms_slot(string room)
    {
        var keys = new RedisKeys("chat");
        string[] roomKeys = [.. keys.RoomHistoryKeys(room), keys.Typing(room, "alice"), keys.RoomTypists(room)];

        var slots = roomKeys.Select(key => redis.Multiplexer.HashSlot(key)).Distinct().ToList();

        Assert.Equal(redis.Multiplexer.HashSlot("{" + room + "}"), Assert.Single(slots));
    }
}
