using ChatServer.Client;
using ChatServer.Tests.Infrastructure;
using MessagePack;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;

namespace ChatServer.Tests.Client;

/// <summary>ChatClient against the real server: every transport and protocol, and resume after a disconnect.</summary>
public sealed class ChatClientTests
{
    [Theory]
    [InlineData(HttpTransportType.WebSockets, ChatProtocol.Json)]
    [InlineData(HttpTransportType.WebSockets, ChatProtocol.MessagePack)]
    [InlineData(HttpTransportType.ServerSentEvents, ChatProtocol.Json)]
    [InlineData(HttpTransportType.LongPolling, ChatProtocol.Json)]
    [InlineData(HttpTransportType.LongPolling, ChatProtocol.MessagePack)]
    public async Task Each_transport_and_protocol_chats_with_a_json_websocket_client(HttpTransportType transport, ChatProtocol protocol)
    {
        await using var app = new ChatApplication();
        var alice = await app.CreateUserAsync("alice");
        var bob = await app.CreateUserAsync("bob");
        var room = TestRooms.NewName();
        await using var aliceClient = app.CreateHubConnection(alice.AccessToken, protocol, transport);
        var aliceTab = new RecordedConnection(aliceClient);
        await aliceClient.StartAsync();
        await aliceClient.JoinRoomAsync(room);
        await using var bobTab = await bob.JoinAsync(room);

        var fromAlice = await aliceClient.SendMessageAsync(room, "over " + transport, "c-1");
        var fromBob = await bobTab.Hub.SendMessageAsync(room, "back");

        Assert.Equal(fromAlice, (await bobTab.WaitForAsync<HubEvent.Message>(m => m.Value.Text == fromAlice.Text)).Value);
        Assert.Equal(fromBob, (await aliceTab.WaitForAsync<HubEvent.Message>(m => m.Value.Text == "back")).Value);
        Assert.Equal(DateTimeKind.Utc, fromAlice.SentAt.Kind);
        Assert.Equal(alice.Name, fromAlice.User);
        Assert.Equal("c-1", fromAlice.ClientMessageId);
        var snapshot = await aliceClient.JoinRoomAsync(room, "0-0");
        Assert.Equal([fromAlice, fromBob], snapshot.Messages);
    }

    [Fact]
    public async Task Server_sent_events_refuse_messagepack_with_a_clear_error()
    {
        await using var app = new ChatApplication();
        var alice = await app.CreateUserAsync("alice");
        await using var client = app.CreateHubConnection(alice.AccessToken, ChatProtocol.MessagePack, HttpTransportType.ServerSentEvents);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.StartAsync());

        Assert.Contains("transport", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Resume_after_a_restart_raises_every_missed_message_once_in_order_past_the_500_cap()
    {
        await using var app = new ChatApplication(new Dictionary<string, string?> { ["Chat:RateLimit:Burst"] = "2000", ["Chat:RateLimit:MessagesPerSecond"] = "2000" });
        var alice = await app.CreateUserAsync("alice");
        var bob = await app.CreateUserAsync("bob");
        var room = TestRooms.NewName();
        var quiet = TestRooms.NewName();
        await using var aliceClient = app.CreateHubConnection(alice.AccessToken, ChatProtocol.MessagePack);
        var received = new List<ChatMessage>();
        aliceClient.MessageReceived += message =>
        {
            lock (received)
            {
                received.Add(message);
            }
        };
        await aliceClient.StartAsync();
        await aliceClient.JoinRoomAsync(room);
        await aliceClient.JoinRoomAsync(quiet);
        await using var bobTab = await bob.JoinAsync(room);
        var seen = await aliceClient.SendMessageAsync(room, "seen before the drop");
        await Eventually.TrueAsync(() => Count(received) == 1);

        await aliceClient.StopAsync();
        var missed = new List<string>();
        for (var i = 0; i < 620; i++)
        {
            missed.Add((await bobTab.Hub.SendMessageAsync(room, $"missed {i}")).Id);
        }

        await aliceClient.StartAsync();
        var snapshots = await aliceClient.ResumeAsync();
        var live = await bobTab.Hub.SendMessageAsync(room, "after the resume");
        await Eventually.TrueAsync(() => Count(received) == 1 + missed.Count + 1, TimeSpan.FromSeconds(20));

        Assert.Equal([seen.Id, .. missed, live.Id], Ids(received));
        Assert.Equal(new[] { quiet, room }.Order(StringComparer.Ordinal), snapshots.Select(s => s.Room).Order(StringComparer.Ordinal));
        Assert.Contains(alice.Name, snapshots.Single(s => s.Room == room).Online);
        Assert.Equal(live.Id, aliceClient.JoinedRooms.Single(r => r.Room == room).LastSeenId);
    }

    [Fact]
    public async Task MessagePack_carries_the_same_camelCase_field_names_as_json()
    {
        var message = new ChatMessage("1-0", "lobby", "ada", "hi", DateTime.UnixEpoch, "c-1");
        var options = new MessagePackHubProtocolOptions().SerializerOptions;

        var json = MessagePackSerializer.ConvertToJson(MessagePackSerializer.Serialize(message, options));

        foreach (var field in new[] { "id", "room", "user", "text", "sentAt", "clientMessageId" })
        {
            Assert.Contains($"\"{field}\":", json, StringComparison.Ordinal);
        }

        Assert.Equal(message, MessagePackSerializer.Deserialize<ChatMessage>(MessagePackSerializer.Serialize(message, options), options));
    }

    private static int Count(List<ChatMessage> messages)
    {
        lock (messages)
        {
            return messages.Count;
        }
    }

    private static List<string> Ids(List<ChatMessage> messages)
    {
        lock (messages)
        {
            return [.. messages.Select(m => m.Id)];
        }
    }
}
