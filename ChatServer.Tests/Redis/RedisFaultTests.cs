using System.Collections.Concurrent;
using ChatServer.Redis;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Redis;

/// <summary>Each test owns its redis-server (or fake peer), because these tests kill and restart it.</summary>
public sealed class RedisFaultTests
{
    private static readonly TimeSpan FailFast = TimeSpan.FromSeconds(2);

    private static RedisOptions Fast(string connectionString, Action<RedisOptions>? configure = null)
    {
        var options = new RedisOptions
        {
            ConnectTimeout = TimeSpan.FromSeconds(2),
            ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        };
        options.ApplyConnectionString(connectionString);
        configure?.Invoke(options);
        return options;
    }

    [Fact]
    public async Task Server_killed_and_restarted_client_reconnects_resubscribes_and_outage_commands_fail_fast()
    {
        await using var server = await RedisServer.StartAsync();
        await using var client = new RedisConnection(Fast(server.ConnectionString));
        var events = new ConcurrentQueue<RedisConnectionStateChangedEventArgs>();
        client.StateChanged += (_, e) => events.Enqueue(e);
        await client.ConnectAsync();

        var channel = RedisServerFixture.Key("resubscribe");
        var received = new ConcurrentQueue<string>();
        await using var subscription = await client.SubscribeAsync(channel, (m, _) =>
        {
            received.Enqueue(m.Payload.ToString()!);
            return ValueTask.CompletedTask;
        });
        Assert.Equal(1, await client.PublishAsync(channel, "before"));

        // In flight when the server dies: BLPOP waits server-side, so its reply can only be lost.
        var inFlight = client.ExecuteAsync("BLPOP", [RedisServerFixture.Key("list"), 30]);
        await Eventually.TrueAsync(() => client.PendingCommands == 1);
        await server.KillAsync();

        var lost = await Assert.ThrowsAsync<RedisConnectionException>(() => inFlight.WaitAsync(FailFast));
        Assert.Equal(RedisConnectionFailure.ConnectionLost, lost.Failure);
        Assert.Contains("may or may not have run", lost.Message, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => client.State == RedisConnectionState.Reconnecting);

        // During the outage: immediate, explicit failures; nothing hangs, nothing is silently queued.
        for (var i = 0; i < 5; i++)
        {
            var outage = await Assert.ThrowsAsync<RedisConnectionException>(() => client.SetAsync("k", "v").WaitAsync(FailFast));
            Assert.Equal(RedisConnectionFailure.NotConnected, outage.Failure);
            Assert.Contains("not sent", outage.Message, StringComparison.Ordinal);
            Assert.Contains(server.Endpoint, outage.Message, StringComparison.Ordinal);
        }

        await Assert.ThrowsAsync<RedisConnectionException>(() => client.PublishAsync(channel, "lost").WaitAsync(FailFast));

        await server.RestartAsync();
        await Eventually.TrueAsync(
            () => events.Count(e => e.Event == RedisConnectionEvent.Restored) == 2,
            because: "both the command and the subscriber connection report Restored");
        Assert.True(client.IsConnected);

        Assert.Equal("PONG", (await client.ExecuteAsync("PING")).ToString());
        Assert.True(await client.SetAsync("after", "restart"));
        Assert.Equal("restart", await client.GetStringAsync("after"));
        Assert.Equal(1, await client.PublishAsync(channel, "after"));
        await Eventually.TrueAsync(() => received.Count == 2);
        Assert.Equal(["before", "after"], received);

        var sequence = events.Select(e => (e.Role, e.Event)).ToList();
        foreach (var role in new[] { RedisConnectionRole.Interactive, RedisConnectionRole.Subscriber })
        {
            Assert.Equal(
                [RedisConnectionEvent.Connected, RedisConnectionEvent.Lost, RedisConnectionEvent.Restored],
                sequence.Where(e => e.Role == role).Select(e => e.Event));
        }
    }

    [Fact]
    public async Task After_a_restart_the_client_reports_connected_only_once_every_subscription_is_back()
    {
        await using var server = await RedisServer.StartAsync();
        await using var client = new RedisConnection(Fast(server.ConnectionString));
        await client.ConnectAsync();
        var prefix = RedisServerFixture.Key("ready");
        var channels = Enumerable.Range(0, 5000).Select(i => $"{prefix}:{i}").ToArray();
        var subscriptions = new List<RedisSubscription>();
        foreach (var channel in channels)
        {
            subscriptions.Add(await client.SubscribeAsync(channel, (_, _) => ValueTask.CompletedTask));
        }

        await server.KillAsync();
        await Eventually.TrueAsync(() => !client.IsConnected);
        await server.RestartAsync();

        // Polled as a readiness check would (often): the first time it says connected, nothing published may be missed.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!client.IsConnected)
        {
            Assert.True(DateTime.UtcNow < deadline, "The client did not reconnect within 10 s.");
            await Task.Delay(1);
        }

        await using var observer = await RedisConnection.ConnectAsync(Fast(server.ConnectionString));
        var counts = (await observer.ExecuteAsync("PUBSUB", ["NUMSUB", .. channels])).Elements;
        Assert.All(Enumerable.Range(0, channels.Length), i => Assert.Equal(1, counts[2 * i + 1].ToInt64()));
        Assert.False(client.IsResubscribing);

        foreach (var subscription in subscriptions) await subscription.DisposeAsync();
    }

    [Fact]
    public async Task A_resubscribe_refused_while_the_socket_stays_up_is_retried_until_it_succeeds()
    {
        await using var server = await RedisServer.StartAsync();
        await using var admin = await RedisConnection.ConnectAsync(Fast(server.ConnectionString));
        await admin.ExecuteAsync("ACL", ["SETUSER", "listener", "on", ">pw", "~*", "&*", "+@all"]);
        await using var client = await RedisConnection.ConnectAsync(Fast($"{server.ConnectionString},user=listener,password=pw"));
        var channel = RedisServerFixture.Key("acl");
        var received = new ConcurrentQueue<string>();
        await using var subscription = await client.SubscribeAsync(channel, (m, _) =>
        {
            received.Enqueue(m.Payload.ToString()!);
            return ValueTask.CompletedTask;
        });

        // The user loses the right to subscribe and its subscriber socket is cut: it reconnects (AUTH and PING
        // pass) but its SUBSCRIBE is refused with NOPERM, so the socket is up and not ready.
        await admin.ExecuteAsync("ACL", ["SETUSER", "listener", "resetchannels"]);
        await admin.ExecuteAsync("CLIENT", ["KILL", "USER", "listener"]);
        await Eventually.TrueAsync(() => client.IsResubscribing, because: "the reconnected subscriber's SUBSCRIBE is refused");
        Assert.False(client.IsConnected);

        // Allowed again: a later attempt on the same socket succeeds, without waiting for another disconnect.
        await admin.ExecuteAsync("ACL", ["SETUSER", "listener", "allchannels"]);
        await Eventually.TrueAsync(() => client.IsConnected);
        Assert.False(client.IsResubscribing);
        Assert.Equal(1, await admin.PublishAsync(channel, "after"));
        await Eventually.TrueAsync(() => received.Contains("after"));
    }

    [Fact]
    public async Task Command_timeout_fails_that_caller_only_and_later_replies_stay_matched()
    {
        await using var server = await RedisServer.StartAsync();
        await using var client = await RedisConnection.ConnectAsync(Fast(server.ConnectionString, o => o.CommandTimeout = TimeSpan.FromMilliseconds(500)));
        await client.SetAsync("k", "value");

        // BLPOP holds the reply for 2 s: far past this caller's 0.5 s timeout, even on a loaded machine.
        var blocked = client.ExecuteAsync("BLPOP", ["empty-list", 2]);
        var timeout = await Assert.ThrowsAsync<RedisTimeoutException>(() => blocked);
        Assert.Contains("BLPOP", timeout.Message, StringComparison.Ordinal);

        // The connection survived, and the late BLPOP reply (null) is consumed by its own abandoned slot: once it
        // has arrived, GET gets GET's reply. (Redis answers one connection in order, so a GET sent earlier would
        // simply wait behind BLPOP on the server.)
        await Eventually.TrueAsync(() => client.PendingCommands == 0);
        Assert.Equal(RedisConnectionState.Connected, client.State);
        Assert.Equal("value", await client.GetStringAsync("k"));
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.ExecuteAsync("ECHO", [i])));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), results.Select(r => r.ToInt64()));
    }

    [Fact]
    public async Task Wrong_password_gives_a_clear_authentication_error()
    {
        await using var server = await RedisServer.StartAsync(new RedisServerSettings(Password: "s3cret"));

        var wrong = await Assert.ThrowsAsync<RedisConnectionException>(() => RedisConnection.ConnectAsync(Fast($"{server.Endpoint},password=nope")));
        Assert.Equal(RedisConnectionFailure.AuthenticationFailed, wrong.Failure);
        Assert.Contains("refused authentication", wrong.Message, StringComparison.Ordinal);

        var missing = await Assert.ThrowsAsync<RedisConnectionException>(() => RedisConnection.ConnectAsync(Fast(server.Endpoint)));
        Assert.Equal(RedisConnectionFailure.AuthenticationFailed, missing.Failure);
        Assert.Contains("NOAUTH", missing.Message, StringComparison.Ordinal);

        await using var ok = await RedisConnection.ConnectAsync(Fast(server.ConnectionString));
        Assert.Equal("PONG", (await ok.ExecuteAsync("PING")).ToString());
    }

    [Fact]
    public async Task ACL_user_authenticates_selects_database_and_sets_client_name()
    {
        await using var server = await RedisServer.StartAsync(new RedisServerSettings(Password: "pw", User: "chat"));

        var wrong = await Assert.ThrowsAsync<RedisConnectionException>(() => RedisConnection.ConnectAsync(Fast($"{server.Endpoint},user=chat,password=bad")));
        Assert.Equal(RedisConnectionFailure.AuthenticationFailed, wrong.Failure);
        Assert.Contains("user 'chat'", wrong.Message, StringComparison.Ordinal);

        await using var client = await RedisConnection.ConnectAsync(Fast($"{server.ConnectionString},defaultDatabase=3,name=chat-test"));
        Assert.Equal("chat", (await client.ExecuteAsync("ACL", ["WHOAMI"])).ToString());
        Assert.Equal("chat-test", (await client.ExecuteAsync("CLIENT", ["GETNAME"])).ToString());
        await client.SetAsync("db-check", "3");
        Assert.Contains("db=3", (await client.ExecuteAsync("CLIENT", ["INFO"])).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_listening_fails_with_unable_to_connect()
    {
        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => RedisConnection.ConnectAsync(Fast($"127.0.0.1:{RedisServer.FreePort()}")));
        Assert.Equal(RedisConnectionFailure.UnableToConnect, error.Failure);
    }

    [Fact]
    public async Task Silent_peer_fails_with_connect_timeout()
    {
        await using var silent = new FakeRedisServer(_ => null);
        var error = await Assert.ThrowsAsync<RedisConnectionException>(() =>
            RedisConnection.ConnectAsync(Fast($"127.0.0.1:{silent.Port},connectTimeout=300")).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(RedisConnectionFailure.ConnectTimeout, error.Failure);
        Assert.Contains("300 ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_reply_drops_the_connection_and_never_corrupts_the_next_reply()
    {
        await using var fake = new FakeRedisServer(command => command switch
        {
            ["PING"] => "+PONG\r\n",
            ["GET", "bad"] => "$5\r\nabc", // promises 5 bytes, then garbage follows on the next command
            ["GET", "next"] => "XYZ\r\n$4\r\nnext\r\n",
            ["GET", "good"] => "$4\r\ngood\r\n",
            _ => "-ERR unexpected\r\n",
        });
        await using var client = await RedisConnection.ConnectAsync(Fast($"127.0.0.1:{fake.Port}"));

        var bad = client.GetStringAsync("bad");
        var next = client.GetStringAsync("next");
        var badError = await Assert.ThrowsAsync<RedisConnectionException>(() => bad.WaitAsync(FailFast));
        Assert.Equal(RedisConnectionFailure.ProtocolError, badError.Failure);
        Assert.IsType<RedisProtocolException>(badError.InnerException);
        await Assert.ThrowsAsync<RedisConnectionException>(() => next.WaitAsync(FailFast));

        // A fresh socket: the next reply is read from a clean stream.
        await Eventually.TrueAsync(() => client.State == RedisConnectionState.Connected && fake.AcceptedConnections >= 3);
        Assert.Equal("good", await client.GetStringAsync("good"));
    }

    [Fact]
    public async Task Without_abort_on_connect_fail_the_client_connects_when_the_server_appears()
    {
        var port = RedisServer.FreePort();
        await using var client = new RedisConnection(Fast($"127.0.0.1:{port},abortConnect=false"));
        var restored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.StateChanged += (_, e) =>
        {
            if (e.Event == RedisConnectionEvent.Restored && e.Role == RedisConnectionRole.Interactive) restored.TrySetResult();
        };
        await client.ConnectAsync();
        Assert.Equal(RedisConnectionState.Reconnecting, client.State);

        var early = await Assert.ThrowsAsync<RedisConnectionException>(() => client.ExecuteAsync("PING").WaitAsync(FailFast));
        Assert.Equal(RedisConnectionFailure.NotConnected, early.Failure);
        Assert.IsType<RedisConnectionException>(early.InnerException);

        await using var server = await RedisServer.StartAsync(new RedisServerSettings(Port: port));
        await restored.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("PONG", (await client.ExecuteAsync("PING")).ToString());
    }

    [Fact]
    public async Task Disposing_fails_pending_commands_and_later_calls()
    {
        await using var server = await RedisServer.StartAsync();
        var client = await RedisConnection.ConnectAsync(Fast(server.ConnectionString));
        var pending = client.ExecuteAsync("BLPOP", ["nothing", 30]);
        await Eventually.TrueAsync(() => client.PendingCommands == 1);
        await client.DisposeAsync();

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => pending.WaitAsync(FailFast));
        Assert.Equal(RedisConnectionFailure.Disposed, error.Failure);
        var after = await Assert.ThrowsAsync<RedisConnectionException>(() => client.ExecuteAsync("PING"));
        Assert.Equal(RedisConnectionFailure.Disposed, after.Failure);
        Assert.Equal(RedisConnectionState.Disposed, client.State);
    }
}
