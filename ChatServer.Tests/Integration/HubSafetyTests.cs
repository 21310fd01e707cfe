using ChatServer.Client;
using ChatServer.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatServer.Tests.Integration;

/// <summary>Authentication, impersonation attempts, bad input and rate limiting on the hub.</summary>
public sealed class HubSafetyTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("forged-token")]
    public async Task The_hub_refuses_connections_without_a_valid_token(string? token)
    {
        await using var app = new ChatApplication();
        await using var hub = app.CreateHubConnection(token);

        await Assert.ThrowsAnyAsync<Exception>(() => hub.StartAsync());

        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }

    [Fact]
    public async Task The_sender_is_always_the_token_owner_whatever_the_client_sends()
    {
        await using var app = new ChatApplication();
        var (alice, bob) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"));
        var room = TestRooms.NewName();
        await using var mallory = await alice.JoinAsync(room);
        await using var bobTab = await bob.JoinAsync(room);

        // Extra arguments claiming another identity do not bind; the connection survives.
        var spoof = await Assert.ThrowsAnyAsync<Exception>(() => mallory.Hub.Connection.InvokeAsync<ChatMessage>("SendMessage", room, "as bob", null, bob.Name));
        var sent = await mallory.Hub.SendMessageAsync(room, "who am i");

        Assert.DoesNotContain("as bob", spoof.Message, StringComparison.Ordinal);
        Assert.Equal(alice.Name, sent.User);
        Assert.Equal(alice.Name, (await bobTab.WaitForAsync<HubEvent.Message>()).Value.User);
        Assert.DoesNotContain((await bobTab.Hub.GetHistoryAsync(room)).Messages, m => m.User == bob.Name);
    }

    public static TheoryData<string, Func<ChatClient, string, Task>, string> BadCalls => new()
    {
        { "text too long", (hub, room) => hub.SendMessageAsync(room, new string('x', 4001)), "Message is too long (max 4000 characters)" },
        { "70,000 characters", (hub, room) => hub.SendMessageAsync(room, new string('x', 70_000)), "Message is too long (max 4000 characters)" },
        { "only invisible characters", (hub, room) => hub.SendMessageAsync(room, "\u200B\u2060\uFEFF\u3164"), "Message is empty" },
        { "room with a final newline", (hub, room) => hub.JoinRoomAsync(room + "\n"), "Invalid room name" },
        { "empty text", (hub, room) => hub.SendMessageAsync(room, "   "), "Message is empty" },
        { "null text", (hub, room) => hub.Connection.InvokeAsync<ChatMessage>("SendMessage", room, null, null), "Message is empty" },
        { "long client id", (hub, room) => hub.SendMessageAsync(room, "hi", new string('c', 65)), "clientMessageId must be 1 to 64 characters" },
        { "send before join", (hub, room) => hub.SendMessageAsync("not-joined-" + room, "hi"), "Join the room before sending" },
        { "bad room", (hub, room) => hub.JoinRoomAsync("Bad Room!"), "Invalid room name 'Bad Room!'" },
        { "null room", (hub, room) => hub.Connection.InvokeAsync<RoomSnapshot>("JoinRoom", null, null), "Room name is required" },
        { "bad sinceId", (hub, room) => hub.JoinRoomAsync(room, "last"), "Invalid sinceId 'last'" },
        { "bad beforeId", (hub, room) => hub.GetHistoryAsync(room, "9-x"), "Invalid beforeId '9-x'" },
        { "limit 0", (hub, room) => hub.GetHistoryAsync(room, null, 0), "limit must be between 1 and 100" },
        { "limit 101", (hub, room) => hub.GetHistoryAsync(room, null, 101), "limit must be between 1 and 100" },
        { "typing before join", (hub, room) => hub.StartTypingAsync("not-joined-" + room), "Join the room" },
        { "forged dm", (hub, room) => hub.JoinRoomAsync("dm:bob:zed"), "Not a member of this direct room" },
    };

    [Theory]
    [MemberData(nameof(BadCalls))]
    public async Task A_bad_call_gets_an_actionable_error_and_disturbs_nobody(string what, Func<ChatClient, string, Task> call, string expected)
    {
        await using var app = new ChatApplication();
        var (alice, bob) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"));
        var room = TestRooms.NewName();
        await using var aliceTab = await alice.JoinAsync(room);
        await using var bobTab = await bob.JoinAsync(room);

        var error = await Assert.ThrowsAsync<HubException>(() => call(aliceTab.Hub, room));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, aliceTab.Hub.State);
        var after = await aliceTab.Hub.SendMessageAsync(room, $"still fine after {what}");
        Assert.Equal(after, (await bobTab.WaitForAsync<HubEvent.Message>()).Value);
        Assert.Single((await bobTab.Hub.GetHistoryAsync(room)).Messages);
    }

    [Fact]
    public async Task A_direct_room_with_someone_never_registered_cannot_be_joined_or_read()
    {
        await using var app = new ChatApplication();
        var alice = await app.CreateUserAsync("alice");
        await using var tab = await alice.ConnectAsync();
        var ghostRoom = $"dm:{alice.Name.ToLowerInvariant()}:zz-ghost";

        var join = await Assert.ThrowsAsync<HubException>(() => tab.Hub.JoinRoomAsync(ghostRoom));
        var read = await Assert.ThrowsAsync<HubException>(() => tab.Hub.GetHistoryAsync(ghostRoom));
        var send = await Assert.ThrowsAsync<HubException>(() => tab.Hub.SendMessageAsync(ghostRoom, "waiting for you"));

        Assert.Contains("No user named 'zz-ghost'", join.Message, StringComparison.Ordinal);
        Assert.Contains("No user named 'zz-ghost'", read.Message, StringComparison.Ordinal);
        Assert.Contains("Join the room before sending", send.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, tab.Hub.State);
    }

    [Fact]
    public async Task The_largest_and_smallest_ids_get_exact_empty_answers()
    {
        await using var app = new ChatApplication();
        var alice = await app.CreateUserAsync("alice");
        var room = TestRooms.NewName();
        await using var tab = await alice.JoinAsync(room);
        await tab.Hub.SendMessageAsync(room, "the only message");

        var afterLast = await tab.Hub.JoinRoomAsync(room, $"{long.MaxValue}-{long.MaxValue}");
        var beforeFirst = await tab.Hub.GetHistoryAsync(room, "0-0");

        Assert.Empty(afterLast.Messages);
        Assert.False(afterLast.HasMore);
        Assert.Empty(beforeFirst.Messages);
        Assert.False(beforeFirst.HasMore);
    }

    [Fact]
    public async Task Sending_faster_than_the_limit_is_refused_with_a_retry_time_and_affects_only_that_user()
    {
        await using var app = new ChatApplication(new Dictionary<string, string?>
        {
            ["Chat:RateLimit:MessagesPerSecond"] = "0.5",
            ["Chat:RateLimit:Burst"] = "3",
        });
        var (alice, bob) = (await app.CreateUserAsync("alice"), await app.CreateUserAsync("bob"));
        var room = TestRooms.NewName();
        await using var aliceTab = await alice.JoinAsync(room);
        await using var aliceOtherTab = await alice.JoinAsync(room);
        await using var bobTab = await bob.JoinAsync(room);

        for (var i = 0; i < 3; i++)
        {
            await aliceTab.Hub.SendMessageAsync(room, $"burst {i}");
        }

        var limited = await Assert.ThrowsAsync<HubException>(() => aliceTab.Hub.SendMessageAsync(room, "too fast"));
        var otherTab = await Assert.ThrowsAsync<HubException>(() => aliceOtherTab.Hub.SendMessageAsync(room, "other tab, same user"));
        await bobTab.Hub.SendMessageAsync(room, "bob is not limited");

        Assert.Matches(@"Rate limit exceeded; retry in [12] s$", limited.Message);
        Assert.Contains("Rate limit exceeded", otherTab.Message, StringComparison.Ordinal);
        var history = await bobTab.Hub.GetHistoryAsync(room);
        Assert.Equal(["burst 0", "burst 1", "burst 2", "bob is not limited"], history.Messages.Select(m => m.Text));
        Assert.Equal(HubConnectionState.Connected, aliceTab.Hub.State);
    }
}
