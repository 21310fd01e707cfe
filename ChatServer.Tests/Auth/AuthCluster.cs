using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Auth;

/// <summary>
/// Instances in Redis mode on one redis-server of their own (tests here flush and restart it), sharing one key prefix,
/// that the test stops and starts in any order, each time as a new process would (nothing kept in memory).
/// </summary>
internal sealed class AuthCluster : IAsyncDisposable
{
    private readonly string _prefix = $"k{Guid.NewGuid():N}"[..13];
    private readonly IReadOnlyDictionary<string, string?>? _settings;
    private readonly TimeProvider? _clock;
    private readonly List<AuthTestHost?> _instances = [];
    private int _started;

    private AuthCluster(RedisServer redis, IReadOnlyDictionary<string, string?>? settings, TimeProvider? clock)
    {
        Redis = redis;
        _settings = settings;
        _clock = clock;
    }

    public RedisServer Redis { get; }

    /// <summary>The running instances, in the order of their slots (a restarted instance keeps its slot).</summary>
    public IReadOnlyList<AuthTestHost> Running => [.. _instances.OfType<AuthTestHost>()];

    public AuthTestHost this[int index] => _instances[index] ?? throw new InvalidOperationException($"Instance {index} is stopped.");

    public string SigningKeysKey => _prefix + ":auth:signing-keys";

    public static async Task<AuthCluster> StartAsync(int count, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var cluster = new AuthCluster(await RedisServer.StartAsync(), settings, clock);
        for (var i = 0; i < count; i++)
        {
            cluster._instances.Add(null);
            cluster.Start(i);
        }

        return cluster;
    }

    /// <summary>Stops instance <paramref name="index"/> and starts a new process in its place.</summary>
    public async Task RestartAsync(int index)
    {
        await _instances[index]!.DisposeAsync();
        _instances[index] = null;
        Start(index);
    }

    /// <summary>Starts one more instance.</summary>
    public AuthTestHost Add()
    {
        _instances.Add(null);
        Start(_instances.Count - 1);
        return _instances[^1]!;
    }

    public Task FlushAllAsync() => Redis.SendRawAsync("FLUSHALL");

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in Running)
        {
            await instance.DisposeAsync();
        }

        await Redis.DisposeAsync();
    }

    private void Start(int index) =>
        _instances[index] = AuthTestHost.OnRedis(Redis.ConnectionString, _prefix, $"{_prefix}-{index + 1}-{++_started}", _settings, _clock);
}
