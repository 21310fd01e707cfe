using ChatServer.Client;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.ScaleOut;

/// <summary>Several ChatServer hosts in Redis mode sharing one redis-server, with their own key and channel prefix.</summary>
internal sealed class RedisCluster : IAsyncDisposable
{
    private RedisCluster(IReadOnlyList<ChatApplication> instances) => Instances = instances;

    public IReadOnlyList<ChatApplication> Instances { get; }

    public ChatApplication this[int index] => Instances[index];

    public static RedisCluster Start(RedisServerFixture redis, int count, IReadOnlyDictionary<string, string?>? settings = null, ChatProtocol firstProtocol = ChatProtocol.Json) =>
        Start(redis.Server, count, settings, firstProtocol);

    /// <summary>
    /// Instances whose clients speak <paramref name="firstProtocol"/> on the first, third, … instance and the other
    /// protocol on the rest, so every message that crosses instances also crosses protocols.
    /// </summary>
    public static RedisCluster Start(RedisServer redis, int count, IReadOnlyDictionary<string, string?>? settings = null, ChatProtocol firstProtocol = ChatProtocol.Json)
    {
        var otherProtocol = firstProtocol == ChatProtocol.Json ? ChatProtocol.MessagePack : ChatProtocol.Json;
        var prefix = $"t{Guid.NewGuid():N}"[..13];
        var instances = new List<ChatApplication>();
        for (var i = 1; i <= count; i++)
        {
            var instanceSettings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
            {
                ["Redis:Configuration"] = redis.ConnectionString,
                ["Chat:InstanceId"] = $"{prefix}-{i}",
                ["Chat:Redis:KeyPrefix"] = prefix,
                ["Backplane:ChannelPrefix"] = prefix,
            };
            var instance = new ChatApplication(instanceSettings) { ClientProtocol = i % 2 == 1 ? firstProtocol : otherProtocol };
            _ = instance.Server; // starts the host now, so every instance is up before the test begins
            instances.Add(instance);
        }

        return new RedisCluster(instances);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in Instances)
        {
            await instance.DisposeAsync();
        }
    }
}
