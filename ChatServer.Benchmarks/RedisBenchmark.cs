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
        var requests = IntOption(args, "--requests", 1_000_000);
        var clients = IntOption(args, "--clients", 50);
        var pipeline = IntOption(args, "--pipeline", 16);
        var serverOption = StringOption(args, "--server");

        using var ownServer = serverOption is null ? await RedisServerProcess.StartAsync() : null;
        var host = serverOption?.Split(':')[0] ?? "127.0.0.1";
        var port = serverOption is null ? ownServer!.Port : int.Parse(serverOption.Split(':')[1], CultureInfo.InvariantCulture);
        Console.WriteLine($"redis-server {host}:{port}; {requests:N0} requests per test, {clients} callers, pipeline {pipeline}; {Environment.ProcessorCount} cores");

        await using var redis = await RedisConnection.ConnectAsync($"{host}:{port}");
        const string key = "key:__rand_int__";
        const string value = "xxx";
        await redis.SetAsync(key, value);

        // Warm up JIT and tiering so the measured runs see optimized code.
        await ThroughputAsync(clients, pipeline, 200_000, () => redis.SetAsync(key, value));

        var rows = new List<(string Name, double Ours, double Theirs)>();
        var ours = await ThroughputAsync(clients, pipeline, requests, () => redis.SetAsync(key, value));
        rows.Add(("SET", ours, RedisBenchmarkTool.Run(host, port, clients, pipeline, requests, ["-t", "set"])));
        ours = await ThroughputAsync(clients, pipeline, requests, () => redis.GetAsync(key));
        rows.Add(("GET", ours, RedisBenchmarkTool.Run(host, port, clients, pipeline, requests, ["-t", "get"])));
        ours = await ThroughputAsync(clients, pipeline, requests, () => redis.PublishAsync("bench", "hello"));
        rows.Add(("PUBLISH", ours, RedisBenchmarkTool.Run(host, port, clients, pipeline, requests, ["publish", "bench", "hello"])));

        Console.WriteLine();
        Console.WriteLine($"{"pipelined",-10} {"ours ops/s",14} {"redis-benchmark",16} {"ratio",7}");
        foreach (var (name, us, them) in rows) Console.WriteLine($"{name,-10} {us,14:N0} {them,16:N0} {us / them,7:0.00}");

        var latency = await LatencyAsync(redis, 20_000, () => redis.GetAsync(key));
        var theirs = RedisBenchmarkTool.Run(host, port, 1, 1, 20_000, ["-t", "get"]);
        Console.WriteLine();
        Console.WriteLine($"single caller GET round trip: p50 {latency.P50:0} µs, p99 {latency.P99:0} µs, {latency.OpsPerSecond:N0} ops/s (redis-benchmark -c 1 -P 1: {theirs:N0} ops/s, ratio {latency.OpsPerSecond / theirs:0.00})");
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
