using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using ChatServer.Client;
using ChatServer.Tests.Infrastructure;
using ChatServer.Tests.Metrics;
using Xunit.Abstractions;

namespace ChatServer.Tests.Fuzz;

/// <summary>
/// Thousands of random and mutated SignalR frames (JSON and MessagePack) and hub calls with random arguments against
/// a live instance, while a bystander pair chats. Afterwards the instance is healthy, its memory bounded, its log
/// free of errors, and the bystanders' chat undisturbed. Seeded: the seed is printed, and
/// <c>CHAT_FUZZ_SEED=&lt;seed&gt;</c> runs the same frames again.
/// </summary>
public sealed class HubFuzzTests(ITestOutputHelper output)
{
    public const string SeedVariable = "CHAT_FUZZ_SEED";

    private const int Workers = 4;
    private const int FramesPerWorker = 1000;
    private const int MinimumChat = 30;
    private const long MaxWorkingSetBytes = 768L * 1024 * 1024;
    private static readonly TimeSpan BystanderPause = TimeSpan.FromMilliseconds(150);

    /// <summary>
    /// Where the fuzzer says it comes from (the loopback proxy is trusted to say so): an attacker elsewhere, so its
    /// sends spend its own address's budget, not the bystanders' (that budget has its own tests in Limits).
    /// </summary>
    private const string FuzzerAddress = "198.51.100.23";

    [Theory]
    [InlineData("memory")]
    [InlineData("redis")]
    public async Task Random_frames_and_calls_leave_the_instance_healthy_and_a_bystanders_chat_undisturbed(string mode)
    {
        var seed = Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } given
            ? int.Parse(given, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        output.WriteLine($"fuzz seed {seed} ({mode} mode); rerun with {SeedVariable}={seed}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        await using var redis = mode == "redis" ? await RedisServer.StartAsync() : null;
        var environment = new Dictionary<string, string>();
        if (redis is not null) environment["Redis__Configuration"] = redis.ConnectionString;
        await using var server = await ChatServerProcess.StartAsync(environment);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        var room = TestRooms.NewName("bystanders");
        var (_, bob) = await TestClients.JoinAsNewUserAsync(server.BaseAddress, "bob", room);
        await using var _ = bob;
        var alice = await new ChatApiClient(http).RegisterOrLoginAsync($"alice-{Guid.NewGuid():N}"[..14], ChatApplication.Password);
        await using var aliceClient = TestClients.Create(server.BaseAddress, alice.AccessToken);
        var disturbed = new List<string>();
        aliceClient.Closed += error => { lock (disturbed) disturbed.Add($"alice closed: {error?.Message}"); };
        bob.Hub.Closed += error => { lock (disturbed) disturbed.Add($"bob closed: {error?.Message}"); };
        await aliceClient.StartAsync(timeout.Token);
        await aliceClient.JoinRoomAsync(room, cancellationToken: timeout.Token);

        var fuzzer = await new ChatApiClient(http).RegisterOrLoginAsync($"fuzz-{Guid.NewGuid():N}"[..13], ChatApplication.Password);
        var mark = server.Output.Length;

        using var stopChat = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var chat = ChatAsync(aliceClient, room, stopChat.Token);
        var counts = await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker =>
            FuzzAsync(server.BaseAddress, fuzzer.AccessToken, new FuzzFrames(new Random(seed + worker)), new Random(seed + worker + 1000), timeout.Token)));
        await stopChat.CancelAsync();
        var sent = await chat;
        output.WriteLine($"{counts.Sum(count => count.Frames)} frames on {counts.Sum(count => count.Connections)} connections; bystanders exchanged {sent.Count} messages");

        // The instance is healthy and still serves a new client (a new user: the fuzzer's own send budget may be spent).
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health/ready", timeout.Token)).StatusCode);
        var newcomer = await new ChatApiClient(http).RegisterOrLoginAsync($"new-{Guid.NewGuid():N}"[..12], ChatApplication.Password);
        await using (var fresh = TestClients.Create(server.BaseAddress, newcomer.AccessToken))
        {
            await fresh.StartAsync(timeout.Token);
            await fresh.JoinRoomAsync(room, cancellationToken: timeout.Token);
            Assert.Equal("after the fuzz", (await fresh.SendMessageAsync(room, "after the fuzz", cancellationToken: timeout.Token)).Text);
        }

        // The bystanders' chat: every message bob was sent arrived once, in order; nobody was disconnected.
        Assert.True(sent.Count >= MinimumChat, $"seed {seed}: only {sent.Count} bystander messages");
        await bob.WaitForMessagesAsync(room, sent.Count, TimeSpan.FromSeconds(10));
        var received = bob.Seen.OfType<HubEvent.Message>().Select(message => message.Value).Where(message => message.User == alice.UserName).Select(message => message.Id).ToList();
        Assert.Equal(sent.Select(message => message.Id), received);
        lock (disturbed) Assert.True(disturbed.Count == 0, $"seed {seed}: {string.Join("; ", disturbed)}");

        // Memory stays bounded, and the log has no error: the fuzz found no failure the server did not expect.
        var memory = (await MetricsScrape.ReadAsync(server.BaseAddress)).Sum("dotnet_process_memory_working_set_bytes");
        Assert.True(memory < MaxWorkingSetBytes, $"seed {seed}: working set {memory / (1024 * 1024):0} MiB");
        var lines = server.Output[mark..].Split('\n');
        var errors = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(" ERR ", StringComparison.Ordinal) || lines[i].Contains(" FTL ", StringComparison.Ordinal)).ToList();
        // Each error with the lines after it, where the exception is written.
        Assert.True(errors.Count == 0, $"seed {seed}:\n{string.Join('\n', errors.Take(3).Select(i => string.Join('\n', lines[i..Math.Min(lines.Length, i + 4)])))}");
    }

    /// <summary>
    /// Alice writes to the room every 150 ms until stopped (and at least 30 times), within her own send budget
    /// (10/s by default) so that only the fuzz could disturb her; the messages acknowledged, in order.
    /// </summary>
    private static async Task<List<ChatMessage>> ChatAsync(ChatClient alice, string room, CancellationToken stop)
    {
        var sent = new List<ChatMessage>();
        for (var i = 0; !stop.IsCancellationRequested || i < MinimumChat; i++)
        {
            sent.Add(await alice.SendMessageAsync(room, $"bystander {i}", $"bystander-{i}", CancellationToken.None));
            await Task.Delay(BystanderPause, CancellationToken.None);
        }

        return sent;
    }

    /// <summary>One worker: connections one after another, each with a handshake and a burst of frames, until its frames are spent.</summary>
    private static async Task<(int Frames, int Connections)> FuzzAsync(Uri server, string accessToken, FuzzFrames frames, Random random, CancellationToken cancellationToken)
    {
        var sent = 0;
        var connections = 0;
        while (sent < FramesPerWorker)
        {
            connections++;
            using var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("X-Forwarded-For", FuzzerAddress);
            var uri = new UriBuilder(new Uri(server, $"/hubs/chat?access_token={Uri.EscapeDataString(accessToken)}")) { Scheme = "ws" }.Uri;
            await socket.ConnectAsync(uri, cancellationToken);
            var messagePack = random.Next(2) == 0;
            var reader = DrainAsync(socket, cancellationToken);
            try
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(frames.Handshake(messagePack ? "messagepack" : "json") + (char)FuzzFrames.RecordSeparator), WebSocketMessageType.Text, true, cancellationToken);
                for (var burst = random.Next(1, 150); burst > 0 && sent < FramesPerWorker && socket.State == WebSocketState.Open; burst--, sent++)
                {
                    var frame = messagePack ? frames.NextMessagePack() : frames.NextJson();
                    var type = (random.Next(10) == 0) == messagePack ? WebSocketMessageType.Text : WebSocketMessageType.Binary;
                    await socket.SendAsync(frame, type, endOfMessage: true, cancellationToken);
                }
            }
            catch (Exception closed) when (closed is WebSocketException or IOException || (closed is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // The server closed the connection over a frame it rejected: what a protocol error should do.
            }

            socket.Abort();
            await reader;
        }

        return (sent, connections);
    }

    /// <summary>Reads and drops whatever the server writes, so its sends never wait on the fuzzer.</summary>
    private static async Task DrainAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                if ((await socket.ReceiveAsync(buffer, cancellationToken)).MessageType == WebSocketMessageType.Close) return;
            }
        }
        catch (WebSocketException)
        {
            // Aborted by the fuzzer or the server: nothing more to read.
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The abort cancels the pending receive.
        }
    }
}
