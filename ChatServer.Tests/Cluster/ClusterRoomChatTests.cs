using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using ChatServer.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatServer.Tests.Cluster;

/// <summary>
/// Issue 5 end to end: .NET and official JavaScript clients, spread over every instance behind nginx, chat in shared
/// rooms; each member sees each message of its room once, in the room's history order.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterRoomChatTests(ClusterFixture cluster)
{
    private const int ClientsPerSide = 30;
    private const int RoomCount = 6;
    private const int MessagesPerClient = 3;
    private const int MessagesPerRoom = ClientsPerSide * 2 / RoomCount * MessagesPerClient;

    [Fact]
    public async Task Dotnet_and_javascript_clients_on_every_instance_see_each_room_message_once_in_history_order()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var prefix = ClusterFixture.UniqueName("rc")[..10];
        var rooms = Enumerable.Range(0, RoomCount).Select(r => $"{prefix}-room{r}").ToList();
        var users = Enumerable.Range(0, ClientsPerSide * 2).Select(i => $"{prefix}_u{i}").ToList();
        var tokens = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 6, CancellationToken = timeout.Token }, async (user, ct) =>
            tokens[user] = await cluster.GetAccessTokenAsync(user, ct));
        string RoomOf(int index) => rooms[index % RoomCount];

        var directory = Directory.CreateTempSubdirectory("room-chat-");
        var dotnetClients = Enumerable.Range(0, ClientsPerSide).Select(i => new DotnetClient(users[i], RoomOf(i), ClusterFixture.CreateHubConnection(tokens[users[i]]))).ToList();
        try
        {
            var jsSpecs = Enumerable.Range(ClientsPerSide, ClientsPerSide).Select(i => new { user = users[i], token = tokens[users[i]], room = RoomOf(i) });
            var clientsFile = Path.Combine(directory.FullName, "clients.json");
            var readyFile = Path.Combine(directory.FullName, "ready");
            var goFile = Path.Combine(directory.FullName, "go");
            await File.WriteAllTextAsync(clientsFile, JsonSerializer.Serialize(jsSpecs), timeout.Token);

            // The JavaScript clients connect one after another while the .NET ones do, so least_conn spreads both.
            var node = ProcessRunner.RunAsync(
                "node",
                [Path.Combine(RepositoryPaths.Root, "ChatServer.Tests", "Cluster", "room-chat.js")],
                RepositoryPaths.Root,
                TimeSpan.FromSeconds(120),
                new Dictionary<string, string>
                {
                    ["CHAT_URL"] = ClusterFixture.BaseUri.ToString().TrimEnd('/'),
                    ["CLIENTS_FILE"] = clientsFile,
                    ["READY_FILE"] = readyFile,
                    ["GO_FILE"] = goFile,
                    ["MESSAGES_PER_CLIENT"] = MessagesPerClient.ToString(CultureInfo.InvariantCulture),
                    ["MESSAGES_PER_ROOM"] = MessagesPerRoom.ToString(CultureInfo.InvariantCulture),
                },
                timeout.Token);

            foreach (var client in dotnetClients)
            {
                await client.Connection.StartAsync(timeout.Token);
                client.InstanceId = (await client.Connection.GetServerInfoAsync(timeout.Token)).InstanceId;
                await client.Connection.JoinRoomAsync(client.Room, cancellationToken: timeout.Token);
            }

            // Every member of every room has joined before anyone sends, so each must receive every message live.
            while (!File.Exists(readyFile))
            {
                if (node.IsCompleted)
                {
                    Assert.Fail("room-chat.js ended before it was ready: " + (await node).Describe());
                }

                await Task.Delay(50, timeout.Token);
            }

            await File.WriteAllTextAsync(goFile, "go", timeout.Token);
            await Task.WhenAll(dotnetClients.Select(client => client.SendAsync(timeout.Token)));
            var result = await node;
            Assert.True(result.ExitCode == 0, result.Describe());
            await Task.WhenAll(dotnetClients.Select(client => client.Complete.Task.WaitAsync(timeout.Token)));

            using var output = JsonDocument.Parse(result.StandardOutput);
            var members = dotnetClients.Select(client => (client.User, client.Room, InstanceId: client.InstanceId!, Received: client.ReceivedIds()))
                .Concat(output.RootElement.GetProperty("clients").EnumerateArray().Select(entry => (
                    User: entry.GetProperty("user").GetString()!,
                    Room: entry.GetProperty("room").GetString()!,
                    InstanceId: entry.GetProperty("instanceId").GetString()!,
                    Received: (IReadOnlyList<string>)[.. entry.GetProperty("received").EnumerateArray().Select(id => id.GetString()!)])))
                .ToList();
            Assert.Equal(ClientsPerSide * 2, members.Count);

            // Both kinds of client on every instance, each instance a fair share (least_conn gives each about 20).
            var perInstance = members.GroupBy(member => member.InstanceId).ToDictionary(group => group.Key, group => group.Count());
            Assert.Equal(ClusterFixture.InstanceIds, perInstance.Keys.Order(StringComparer.Ordinal));
            Assert.All(perInstance, pair => Assert.True(pair.Value >= 10, $"{pair.Key} held {pair.Value}: {string.Join(", ", perInstance)}"));

            foreach (var room in rooms)
            {
                var history = await dotnetClients[0].Connection.JoinRoomAsync(room, "0-0", timeout.Token);
                Assert.False(history.HasMore);
                var expectedClientIds = members.Where(member => member.Room == room)
                    .SelectMany(member => Enumerable.Range(0, MessagesPerClient).Select(k => $"{member.User}-{k}"))
                    .Order(StringComparer.Ordinal);
                Assert.Equal(expectedClientIds, history.Messages.Select(message => message.ClientMessageId!).Order(StringComparer.Ordinal));
                var historyIds = history.Messages.Select(message => message.Id).ToList();
                Assert.Equal(historyIds.Count, historyIds.Distinct(StringComparer.Ordinal).Count());

                // Exactly once and in the same order for every member, wherever it is connected: the history order.
                foreach (var member in members.Where(member => member.Room == room))
                {
                    Assert.True(historyIds.SequenceEqual(member.Received), $"{member.User} on {member.InstanceId} received [{string.Join(",", member.Received)}], history is [{string.Join(",", historyIds)}]");
                }
            }
        }
        finally
        {
            await Task.WhenAll(dotnetClients.Select(client => client.Connection.DisposeAsync().AsTask()));
            directory.Delete(recursive: true);
        }
    }

    private sealed class DotnetClient
    {
        private readonly ConcurrentQueue<string> _received = new();

        public DotnetClient(string user, string room, ChatClient connection)
        {
            User = user;
            Room = room;
            Connection = connection;
            connection.MessageReceived += message =>
            {
                if (message.Room != room)
                {
                    return;
                }

                _received.Enqueue(message.Id);
                if (_received.Count >= MessagesPerRoom)
                {
                    Complete.TrySetResult();
                }
            };
        }

        public string User { get; }

        public string Room { get; }

        public ChatClient Connection { get; }

        public string? InstanceId { get; set; }

        public TaskCompletionSource Complete { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<string> ReceivedIds() => [.. _received];

        public async Task SendAsync(CancellationToken cancellationToken)
        {
            for (var k = 0; k < MessagesPerClient; k++)
            {
                await Connection.SendMessageAsync(Room, $"{User} message {k}", $"{User}-{k}", cancellationToken);
            }
        }
    }
}
