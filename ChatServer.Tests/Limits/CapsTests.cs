using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChatServer.Client;
using ChatServer.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace ChatServer.Tests.Limits;

/// <summary>Connections per user, rooms per connection, new rooms per hour, and the room list in pages.</summary>
[Collection(RedisServerCollection.Name)]
public sealed class CapsTests(RedisServerFixture redis)
{
    [Fact]
    public async Task A_user_past_the_connection_cap_is_refused_with_a_reason_and_a_closed_one_frees_a_place()
    {
        await using var app = new ChatApplication(new Dictionary<string, string?> { ["Chat:Limits:MaxConnectionsPerUser"] = "2" });
        var user = await app.CreateUserAsync("tabs");
        await using var first = await user.ConnectAsync();
        await using var second = await user.ConnectAsync();
        // SignalR completes the handshake before the hub's OnConnectedAsync counts the connection; a call answers
        // only after it, so both are counted before the third knocks.
        await first.Hub.ListRoomsAsync();
        await second.Hub.ListRoomsAsync();

        var refusal = await RefusedAsync(app.CreateHubConnection(user.AccessToken));
        Assert.Contains("Too many connections (at most 2 per user)", refusal, StringComparison.Ordinal);

        await first.DisposeAsync();
        await Eventually.TrueAsync(async () => await OpensAsync(app.CreateHubConnection(user.AccessToken)), because: "a closed connection frees its place");
    }

    [Fact]
    public async Task In_Redis_mode_the_connection_cap_counts_every_instance()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redis.Server.ConnectionString,
            ["Chat:Redis:KeyPrefix"] = $"caps-{Guid.NewGuid():N}"[..20],
            ["Chat:Limits:MaxConnectionsPerUser"] = "3",
        };
        await using var a = new LimitedServer(settings);
        await using var b = new LimitedServer(settings);
        var (_, token) = await a.CreateUserAsync("multi");
        await using var one = await a.ConnectAsync(token);
        await using var two = await a.ConnectAsync(token);
        await using var three = await b.ConnectAsync(token);
        foreach (var counted in new[] { one, two, three }) await counted.Hub.ListRoomsAsync();

        var refused = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var four = await b.ConnectAsync(token);
            await four.Hub.ListRoomsAsync();
        });
        Assert.Contains("Too many connections", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_past_the_room_cap_is_told_to_leave_one_first()
    {
        await using var app = new ChatApplication(new Dictionary<string, string?> { ["Chat:Limits:MaxRoomsPerConnection"] = "3" });
        await using var tab = await (await app.CreateUserAsync("rooms")).ConnectAsync();
        var rooms = Enumerable.Range(0, 4).Select(_ => TestRooms.NewName()).ToList();
        for (var i = 0; i < 3; i++) await tab.Hub.JoinRoomAsync(rooms[i]);

        var error = await Assert.ThrowsAsync<HubException>(() => tab.Hub.JoinRoomAsync(rooms[3]));
        Assert.Contains("Too many rooms on this connection (at most 3)", error.Message, StringComparison.Ordinal);

        await tab.Hub.JoinRoomAsync(rooms[0]);   // rejoining one already joined is no new room
        await tab.Hub.LeaveRoomAsync(rooms[0]);
        await tab.Hub.JoinRoomAsync(rooms[3]);
    }

    [Fact]
    public async Task A_user_may_bring_only_so_many_new_rooms_into_being_per_hour_but_joins_existing_ones()
    {
        await using var app = new ChatApplication(new Dictionary<string, string?> { ["Chat:Limits:RoomsCreatedPerHour"] = "2" });
        var existing = TestRooms.NewName();
        await using var host = await (await app.CreateUserAsync("host")).JoinAsync(existing);
        await using var tab = await (await app.CreateUserAsync("maker")).ConnectAsync();

        await tab.Hub.JoinRoomAsync(TestRooms.NewName());
        await tab.Hub.JoinRoomAsync(TestRooms.NewName());
        var error = await Assert.ThrowsAsync<HubException>(() => tab.Hub.JoinRoomAsync(TestRooms.NewName()));
        Assert.Contains("Too many new rooms (at most 2 an hour)", error.Message, StringComparison.Ordinal);

        await tab.Hub.JoinRoomAsync(existing);
    }

    [Fact]
    public async Task The_room_list_comes_busiest_first_in_pages_over_the_hub_and_HTTP_and_v1_calls_still_get_an_array()
    {
        await using var app = new ChatApplication(new Dictionary<string, string?> { ["Chat:Limits:RoomListDefaultLimit"] = "3" });
        var alice = await app.CreateUserAsync("alice");
        await using var tab = await alice.ConnectAsync();
        var rooms = Enumerable.Range(0, 5).Select(i => $"page{i}-{Guid.NewGuid():N}"[..20]).ToList();
        foreach (var room in rooms) await tab.Hub.JoinRoomAsync(room);
        var busiest = rooms[4];
        await using var bob = await (await app.CreateUserAsync("bob")).JoinAsync(busiest);

        var pages = new List<RoomPage>();
        string? cursor = null;
        do
        {
            var page = await tab.Hub.ListRoomsPageAsync(2, cursor);
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null && pages.Count < 10);

        Assert.Equal([2, 2, 1], pages.Select(p => p.Rooms.Length));
        var listed = pages.SelectMany(p => p.Rooms).ToList();
        Assert.Equal(busiest, listed[0].Room);
        Assert.Equal(2, listed[0].Online);
        Assert.Equal(rooms[..4].Order(StringComparer.Ordinal), listed.Skip(1).Select(r => r.Room));

        // ListRooms() and GET /api/rooms keep their v1 shape: the first page (default 3), the next page in a Link header.
        Assert.Equal(listed.Take(3).Select(r => r.Room), (await tab.Hub.ListRoomsAsync()).Select(r => r.Room));
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", alice.AccessToken);
        using var first = await http.GetAsync("/api/rooms?limit=4");
        var firstRooms = await first.Content.ReadFromJsonAsync<RoomInfo[]>();
        Assert.Equal(listed.Take(4).Select(r => r.Room), firstRooms!.Select(r => r.Room));
        var next = first.Headers.GetValues("Link").Single();
        Assert.EndsWith("; rel=\"next\"", next, StringComparison.Ordinal);
        var rest = await http.GetFromJsonAsync<RoomInfo[]>(next[1..next.IndexOf('>', StringComparison.Ordinal)]);
        Assert.Equal([listed[4].Room], rest!.Select(r => r.Room));

        var bad = await Assert.ThrowsAsync<HubException>(() => tab.Hub.ListRoomsPageAsync(2, "not-a-cursor"));
        Assert.Contains("cursor", bad.Message, StringComparison.Ordinal);
    }

    /// <summary>Starts the connection and returns why the server closed it.</summary>
    private static async Task<string> RefusedAsync(ChatClient client)
    {
        await using (client)
        {
            var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
            client.Closed += error => closed.TrySetResult(error);
            try
            {
                await client.StartAsync();
            }
            catch (Exception exception) when (exception is HubException or InvalidOperationException)
            {
                return exception.Message;
            }

            return (await closed.Task.WaitAsync(TimeSpan.FromSeconds(10)))?.Message ?? "(closed without an error)";
        }
    }

    private static async Task<bool> OpensAsync(ChatClient client)
    {
        await using (client)
        {
            await client.StartAsync();
            try
            {
                await client.ListRoomsAsync();
                return true;
            }
            catch (Exception exception) when (exception is InvalidOperationException or TaskCanceledException or HubException)
            {
                return false;
            }
        }
    }
}
