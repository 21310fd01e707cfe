using System.Net;
using ChatServer.Client;
using ChatServer.Tests.Browser;
using ChatServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatServer.Tests.Client;

/// <summary>
/// A ChatClient on a <see cref="UserSession"/> keeps chatting across many short token lifetimes: the hub closes the
/// connection when its token expires, the client reconnects with a renewed one and resumes with nothing lost.
/// </summary>
public sealed class SessionRenewalTests
{
    private const int LifetimeSeconds = 3;

    [Fact]
    public async Task A_client_on_a_session_receives_every_message_once_in_order_across_several_token_lifetimes()
    {
        await using var app = new KestrelChatApplication(new Dictionary<string, string?>
        {
            ["Chat:Auth:TokenLifetimeSeconds"] = LifetimeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Chat:Auth:ClockSkewSeconds"] = "0",
            ["Chat:RateLimit:MessagesPerSecond"] = "1000",
            ["Chat:RateLimit:Burst"] = "1000",
        });
        var address = app.Start();
        using var http = new HttpClient { BaseAddress = address };
        var api = new ChatApiClient(http);
        var room = TestRooms.NewName();
        using var aliceSession = new UserSession(api, await api.RegisterOrLoginAsync("alice-" + Guid.NewGuid().ToString("N")[..8], ChatApplication.Password));
        using var bobSession = new UserSession(api, await api.RegisterOrLoginAsync("bob-" + Guid.NewGuid().ToString("N")[..8], ChatApplication.Password));
        await using var alice = Connect(address, aliceSession);
        await using var bob = Connect(address, bobSession);
        var received = new List<string>();
        var reconnects = 0;
        Exception? closed = null;
        alice.MessageReceived += message =>
        {
            lock (received)
            {
                received.Add(message.Id);
            }
        };
        alice.Reconnected += () => Interlocked.Increment(ref reconnects);
        alice.Closed += error => closed = error ?? new InvalidOperationException("closed");
        // What the connections went through, for the failure messages.
        var story = new System.Collections.Concurrent.ConcurrentQueue<string>();
        foreach (var (name, client) in new[] { ("alice", alice), ("bob", bob) })
        {
            client.Reconnecting += error => story.Enqueue($"{DateTime.UtcNow:ss.fff} {name} reconnecting ({error?.Message})");
            client.Reconnected += () => story.Enqueue($"{DateTime.UtcNow:ss.fff} {name} reconnected");
            client.ResumeFailed += (failedRoom, error) => story.Enqueue($"{DateTime.UtcNow:ss.fff} {name} could not rejoin {failedRoom}: {error.Message}");
        }

        await alice.StartAsync();
        await bob.StartAsync();
        await alice.JoinRoomAsync(room);
        await bob.JoinRoomAsync(room);

        // Three and a half lifetimes of traffic; a send that meets a reconnect is retried with its clientMessageId.
        var sent = new List<string>();
        var until = DateTime.UtcNow.AddSeconds(LifetimeSeconds * 3.5);
        try
        {
            for (var i = 0; DateTime.UtcNow < until; i++)
            {
                sent.Add((await SendUntilAcknowledgedAsync(bob, room, $"message {i}", $"bob-{i}")).Id);
                await Task.Delay(100);
            }
        }
        catch (Exception failure)
        {
            throw new InvalidOperationException($"{DateTime.UtcNow:ss.fff} a send failed; {string.Join(" | ", story)}", failure);
        }

        await Eventually.TrueAsync(() => { lock (received) { return received.Count >= sent.Count; } }, TimeSpan.FromSeconds(15));
        lock (received)
        {
            Assert.Equal(sent, received);
        }

        Assert.True(Volatile.Read(ref reconnects) >= 2, $"expected the hub to close each expired connection; {string.Join(" | ", story)}");
        Assert.Null(closed);
        Assert.Equal(HubConnectionState.Connected, alice.State);

        // Logging out ends the session: the next renewal is refused and the session says so.
        var ended = new TaskCompletionSource<ChatApiException>(TaskCreationOptions.RunContinuationsAsynchronously);
        aliceSession.Ended += refused => ended.TrySetResult(refused);
        await aliceSession.LogoutAsync();
        await Assert.ThrowsAsync<ChatApiException>(() => aliceSession.RenewAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await ended.Task.WaitAsync(TimeSpan.FromSeconds(5))).StatusCode);
    }

    private static ChatClient Connect(Uri address, UserSession session) => new(new ChatClientOptions
    {
        ServerUri = address,
        AccessTokenProvider = session.GetAccessTokenAsync,
        Transports = HttpTransportType.WebSockets,
        ReconnectDelays = [TimeSpan.Zero, TimeSpan.FromMilliseconds(200)],
    });

    private static async Task<ChatMessage> SendUntilAcknowledgedAsync(ChatClient client, string room, string text, string clientMessageId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                return await client.SendMessageAsync(room, text, clientMessageId);
            }
            catch (Exception failure) when (failure is not Microsoft.AspNetCore.SignalR.HubException && DateTime.UtcNow < deadline)
            {
                // Disconnected mid-call (the token expired): wait for the reconnect and its resume, then retry.
                await Task.Delay(100);
            }
        }
    }
}
