using System.Diagnostics;
using System.Globalization;
using ChatServer.Redis;

namespace ChatServer.Benchmarks;

/// <summary>
/// Our client against redis-benchmark, same server, same run. Throughput: 50 callers, each keeping 16 commands in
/// flight (the shape of <c>redis-benchmark -c 50 -P 16</c>, but all 50 share our one multiplexed socket).
/// Latency: one caller, one command at a time.
/// </summary>
internal static class RedisBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var requests = IntOption(args, "--requests", 500_000);
        var rounds = IntOption(args, "--rounds", 3);
        var clients = IntOption(args, "--clients", 50);
        var pipeline = IntOption(args, "--pipeline", 16);
        var serverOption = StringOption(args, "--server");

        using var ownServer = serverOption is null ? await RedisServerProcess.StartAsync() : null;
        var host = serverOption?.Split(':')[0] ?? "127.0.0.1";
        var port = serverOption is null ? ownServer!.Port : int.Parse(serverOption.Split(':')[1], CultureInfo.InvariantCulture);
        Console.WriteLine($"redis-server {host}:{port}; {requests:N0} requests per test, {clients} callers, pipeline {pipeline}, {rounds} interleaved rounds; {Environment.ProcessorCount} cores");

        await using var redis = await RedisConnection.ConnectAsync($"{host}:{port}");
        const string key = "key:__rand_int__";
        const string value = "xxx";
        await redis.SetAsync(key, value);

        // Warm up JIT and tiering on every measured path, so no test runs on not-yet-optimized code.
        for (var i = 0; i < 3; i++)
        {
            await ThroughputAsync(clients, pipeline, 200_000, () => redis.SetAsync(key, value));
            await ThroughputAsync(clients, pipeline, 200_000, () => redis.GetAsync(key));
            await ThroughputAsync(clients, pipeline, 200_000, () => redis.PublishAsync("bench", "hello"));
        }

        // Ours and redis-benchmark alternate, round after round, so background load on a shared machine hits
        // both alike; the medians are compared.
        var tests = new (string Name, Func<Task> Ours, string[] Theirs)[]
        {
            ("SET", () => redis.SetAsync(key, value), ["-t", "set"]),
            ("GET", () => redis.GetAsync(key), ["-t", "get"]),
            ("PUBLISH", () => redis.PublishAsync("bench", "hello"), ["publish", "bench", "hello"]),
        };
        var rows = new List<(string Name, double Ours, double Theirs, string Rounds)>();
        foreach (var (name, command, theirArgs) in tests)
        {
            var ours = new List<double>();
            var theirs = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                ours.Add(await ThroughputAsync(clients, pipeline, requests, command));
                theirs.Add(RedisBenchmarkTool.Run(host, port, clients, pipeline, requests, theirArgs));
            }

            var perRound = string.Join(" ", ours.Zip(theirs, (o, t) => (o / t).ToString("0.00", CultureInfo.InvariantCulture)));
            rows.Add((name, Median(ours), Median(theirs), perRound));
        }

        Console.WriteLine();
        Console.WriteLine($"{"pipelined",-10} {"ours ops/s",14} {"redis-benchmark",16} {"ratio",7}   per-round ratios");
        foreach (var (name, us, them, perRound) in rows) Console.WriteLine($"{name,-10} {us,14:N0} {them,16:N0} {us / them,7:0.00}   {perRound}");

        var latency = await LatencyAsync(redis, 20_000, () => redis.GetAsync(key));
        var theirLatency = RedisBenchmarkTool.Run(host, port, 1, 1, 20_000, ["-t", "get"]);
        Console.WriteLine();
        Console.WriteLine($"single caller GET round trip: p50 {latency.P50:0} µs, p99 {latency.P99:0} µs, {latency.OpsPerSecond:N0} ops/s (redis-benchmark -c 1 -P 1: {theirLatency:N0} ops/s, ratio {latency.OpsPerSecond / theirLatency:0.00})");
        return 0;
    }

    /// <summary>Each caller issues <paramref name="pipeline"/> commands, awaits them all, repeats.</summary>
    private static async Task<double> ThroughputAsync(int clients, int pipeline, int requests, Func<Task> command)
    {
        var perClient = requests / clients;
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            var window = new Task[pipeline];
            for (var done = 0; done < perClient; done += pipeline)
            {
                var n = Math.Min(pipeline, perClient - done);
                for (var i = 0; i < n; i++) window[i] = command();
                for (var i = 0; i < n; i++) await window[i];
            }
        }));
        await Task.WhenAll(workers);
        return perClient * clients / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<(double P50, double P99, double OpsPerSecond)> LatencyAsync(RedisConnection redis, int count, Func<Task> command)
    {
        for (var i = 0; i < 2000; i++) await command();
        var samples = new double[count];
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var t = Stopwatch.GetTimestamp();
            await command();
            samples[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
        }

        var total = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Array.Sort(samples);
        _ = redis;
        return (samples[count / 2], samples[(int)(count * 0.99)], count / total);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var value = StringOption(args, name);
        return value is null ? fallback : int.Parse(value, CultureInfo.InvariantCulture);
    }

    private static string? StringOption(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
