using ChatServer.Chat.Redis;
using ChatServer.Tests.Infrastructure;
using StackExchange.Redis;

namespace ChatServer.Tests.ScaleOut;

/// <summary>
/// History written in the key layout before room keys carried a hash tag (<c>chat:room:&lt;room&gt;:messages</c> …)
/// is moved to the tagged layout at start-up, by instances starting at once, and reads back through the hub and the API.
/// </summary>
[Collection(RedisServerCollection.Name)]
public sealed class RoomKeyMigrationTests(RedisServerFixture redis)
{
    [Fact]
    public async Task History_in_the_old_key_layout_is_moved_once_and_reads_back_through_the_hub_and_the_api()
    {
        var prefix = $"t{Guid.NewGuid():N}"[..13];
        var keys = new RedisKeys(prefix);
        var (room, untouched) = (TestRooms.NewName(), TestRooms.NewName());
        var db = redis.Multiplexer.GetDatabase();
        var (stream, states, changed) = (keys.LegacyRoomHistoryKeys(room)[0], keys.LegacyRoomHistoryKeys(room)[1], keys.LegacyRoomHistoryKeys(room)[2]);
        var ids = new List<string>();
        foreach (var text in new[] { "first", "second", "third" })
        {
            ids.Add((await db.StreamAddAsync(stream, [new("user", "alice"), new("text", text), new("cmid", "")])).ToString());
        }

        // The second edited, the third deleted, as message-change.lua left them in the old layout.
        await db.HashSetAsync(states, [new(ids[1], """{"text":"second, edited","editedAt":"2026-11-30T12:00:00Z"}"""), new(ids[2], """{"deleted":true}""")]);
        await db.SortedSetAddAsync(changed, [.. ids[1..].Select(id => new SortedSetEntry(id, double.Parse(id.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture)))]);
        await db.SetAddAsync(keys.RoomsWithHistory, [room, untouched]);

        var settings = new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redis.Server.ConnectionString,
            ["Chat:Redis:KeyPrefix"] = prefix,
            ["Backplane:ChannelPrefix"] = prefix,
        };
        await using var first = new ChatApplication(new Dictionary<string, string?>(settings) { ["Chat:InstanceId"] = $"{prefix}-1" });
        await using var second = new ChatApplication(new Dictionary<string, string?>(settings) { ["Chat:InstanceId"] = $"{prefix}-2" });
        await Task.WhenAll(Task.Run(() => first.Server), Task.Run(() => second.Server));

        foreach (var (legacy, current) in keys.LegacyRoomHistoryKeys(room).Zip(keys.RoomHistoryKeys(room)))
        {
            Assert.False(await db.KeyExistsAsync(legacy));
            Assert.True(await db.KeyExistsAsync(current));
        }

        Assert.True(await db.KeyExistsAsync(keys.RoomKeysMigrated));
        var bob = await second.CreateUserAsync("bob");
        await using var tab = await bob.JoinAsync(room);
        var history = (await tab.Hub.GetHistoryAsync(room)).Messages;
        Assert.Equal(ids, history.Select(m => m.Id));
        Assert.Equal("first", history[0].Text);
        Assert.Equal(("second, edited", true), (history[1].Text, history[1].EditedAt is not null));
        Assert.True(history[2].IsDeleted);

        // New messages go on in the moved stream, in the same order.
        var sent = await tab.Hub.SendMessageAsync(room, "fourth");
        var page = await first.Api.GetMessagesAsync((await first.CreateUserAsync("carol")).AccessToken, room);
        Assert.Equal([.. ids, sent.Id], page.Messages.Select(m => m.Id));
        Assert.Equal(4, await db.StreamLengthAsync(keys.RoomStream(room)));
    }

    [Fact]
    public async Task A_room_written_again_in_the_old_layout_after_the_move_is_left_as_it_is_while_the_others_move()
    {
        var prefix = $"t{Guid.NewGuid():N}"[..13];
        var keys = new RedisKeys(prefix);
        var room = TestRooms.NewName();
        var db = redis.Multiplexer.GetDatabase();
        var legacyId = await db.StreamAddAsync(keys.LegacyRoomHistoryKeys(room)[0], [new("user", "alice"), new("text", "old"), new("cmid", "")]);
        var currentId = await db.StreamAddAsync(keys.RoomStream(room), [new("user", "alice"), new("text", "new"), new("cmid", "")]);
        var movable = TestRooms.NewName();
        var movableId = await db.StreamAddAsync(keys.LegacyRoomHistoryKeys(movable)[0], [new("user", "alice"), new("text", "moves"), new("cmid", "")]);
        await db.SetAddAsync(keys.RoomsWithHistory, [room, movable]);

        await using var app = new ChatApplication(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redis.Server.ConnectionString,
            ["Chat:Redis:KeyPrefix"] = prefix,
            ["Backplane:ChannelPrefix"] = prefix,
        });
        _ = app.Server;

        // Neither history of the conflicting room is lost or merged, the pass is not marked done (the next start reports
        // the conflict again), and the other room moved.
        Assert.Equal(legacyId, (await db.StreamRangeAsync(keys.LegacyRoomHistoryKeys(room)[0])).Single().Id);
        Assert.Equal(currentId, (await db.StreamRangeAsync(keys.RoomStream(room))).Single().Id);
        Assert.False(await db.KeyExistsAsync(keys.RoomKeysMigrated));
        Assert.Equal(movableId, (await db.StreamRangeAsync(keys.RoomStream(movable))).Single().Id);
    }
}
