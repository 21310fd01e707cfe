using System.Text;
using ChatServer.Redis;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Redis;

/// <summary>Streams, pub/sub counting, SCAN, scripts, transactions and the generic ExecuteAsync.</summary>
[Collection(RedisServerCollection.Name)]
public sealed class RedisAdvancedCommandTests(RedisServerFixture fixture)
{
    private readonly RedisConnection _redis = fixture.Connection;

    private static string Key(string name) => RedisServerFixture.Key(name);

    [Fact]
    public async Task Stream_add_range_reverse_range_length_and_trim()
    {
        var key = Key("stream");
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(await _redis.StreamAddAsync(key, [new("n", i), new("text", $"msg {i} ✓")]));
        }

        Assert.Equal(10, await _redis.StreamLengthAsync(key));
        var all = await _redis.StreamRangeAsync(key);
        Assert.Equal(ids, all.Select(e => e.Id));
        Assert.Equal("msg 3 ✓", all[3]["text"].ToString());
        Assert.Equal(3, all[3]["n"].ToInt64());

        var afterThird = await _redis.StreamRangeAsync(key, RedisStreamEntry.ExclusiveBound(ids[2]), "+", count: 2);
        Assert.Equal([ids[3], ids[4]], afterThird.Select(e => e.Id));

        var newest = await _redis.StreamReverseRangeAsync(key, count: 3);
        Assert.Equal([ids[9], ids[8], ids[7]], newest.Select(e => e.Id));

        var beforeFifth = await _redis.StreamReverseRangeAsync(key, RedisStreamEntry.ExclusiveBound(ids[4]), "-", count: 2);
        Assert.Equal([ids[3], ids[2]], beforeFifth.Select(e => e.Id));

        Assert.Equal(6, await _redis.StreamTrimAsync(key, 4));
        Assert.Equal(4, await _redis.StreamLengthAsync(key));
        Assert.Empty(await _redis.StreamRangeAsync(Key("nostream")));
    }

    [Fact]
    public async Task Stream_add_with_approximate_maxlen_keeps_at_least_maxlen()
    {
        var key = Key("capped");
        for (var i = 0; i < 500; i++) await _redis.StreamAddAsync(key, [new("i", i)], maxLength: 100);
        var length = await _redis.StreamLengthAsync(key);
        Assert.InRange(length, 100, 499);

        var exact = Key("exact");
        for (var i = 0; i < 20; i++) await _redis.StreamAddAsync(exact, [new("i", i)], maxLength: 5, approximate: false);
        Assert.Equal(5, await _redis.StreamLengthAsync(exact));
    }

    [Fact]
    public async Task Publish_counts_receivers()
    {
        Assert.Equal(0, await _redis.PublishAsync(Key("nobody-listens"), "hi"));
    }

    [Fact]
    public async Task Scan_iterates_every_matching_key_across_pages()
    {
        var prefix = Key("scan");
        var expected = Enumerable.Range(0, 120).Select(i => $"{prefix}:{i}").ToHashSet();
        await Task.WhenAll(expected.Select(k => _redis.SetAsync(k, 1)));

        var seen = new HashSet<string>();
        await foreach (var key in _redis.ScanAsync(prefix + ":*", pageSize: 10)) seen.Add(key);
        Assert.Equal(expected.Order(), seen.Order());
    }

    [Fact]
    public async Task Scripts_run_by_sha_and_fall_back_to_eval_on_NOSCRIPT()
    {
        var script = new RedisScript($"-- {Guid.NewGuid()}\nredis.call('SET', KEYS[1], ARGV[1]) return redis.call('INCRBY', KEYS[2], ARGV[2])");
        var key = Key("script");
        var counter = Key("script-counter");

        // Never loaded: EVALSHA answers NOSCRIPT and the client falls back to EVAL transparently.
        Assert.Equal(5, (await _redis.ScriptEvaluateAsync(script, [key, counter], ["v", 5])).ToInt64());
        Assert.Equal("v", await _redis.GetStringAsync(key));

        // Now cached on the server: EVALSHA succeeds directly.
        Assert.Equal(script.Sha1, await _redis.ScriptLoadAsync(script));
        Assert.Equal(7, (await _redis.ScriptEvaluateAsync(script, [key, counter], ["w", 2])).ToInt64());

        var failing = new RedisScript("return redis.error_reply('MYERR custom failure')");
        var error = await Assert.ThrowsAsync<RedisServerException>(() => _redis.ScriptEvaluateAsync(failing));
        Assert.Equal("MYERR", error.ErrorCode);
    }

    [Fact]
    public async Task Multi_exec_applies_all_commands_atomically()
    {
        var key = Key("tx");
        var counter = Key("tx-counter");
        var replies = await _redis.ExecuteTransactionAsync(
        [
            RedisCommand.Create("SET", key, "a"),
            RedisCommand.Create("INCR", counter),
            RedisCommand.Create("SADD", key, "x"),
            RedisCommand.Create("GET", key),
        ]);

        Assert.Equal(4, replies.Count);
        Assert.Equal("OK", replies[0].ToString());
        Assert.Equal(1, replies[1].ToInt64());
        Assert.True(replies[2].IsError); // WRONGTYPE at run time: reported, the rest still applied.
        Assert.Equal("a", replies[3].ToString());

        var aborted = await Assert.ThrowsAsync<RedisServerException>(() => _redis.ExecuteTransactionAsync(
            [RedisCommand.Create("SET", key, "b"), RedisCommand.Create("NOSUCHCOMMAND")]));
        Assert.Equal("EXECABORT", aborted.ErrorCode);
        Assert.Equal("a", await _redis.GetStringAsync(key));
    }

    [Fact]
    public async Task Generic_execute_returns_typed_values()
    {
        var key = Key("generic");
        await _redis.ExecuteAsync("RPUSH", [key, "a", "b", 3]);
        var list = await _redis.ExecuteAsync("LRANGE", [key, 0, -1]);
        Assert.Equal(RespType.Array, list.Type);
        Assert.Equal(["a", "b", "3"], list.ToStringArray().Select(s => s!));
        Assert.Equal(3, (await _redis.ExecuteAsync("LLEN", [key])).ToInt64());
        Assert.True((await _redis.ExecuteAsync("LINDEX", [key, 99])).IsNull);
        await Assert.ThrowsAsync<RedisServerException>(() => _redis.ExecuteAsync("NOSUCHCOMMAND"));
        Assert.Equal(Encoding.UTF8.GetBytes("b"), (await _redis.ExecuteAsync("LINDEX", [key, 1])).ToBytes());
    }

    [Fact]
    public async Task Large_array_replies_spanning_many_socket_reads_arrive_whole()
    {
        var key = Key("bighash");
        var fields = Enumerable.Range(0, 20_000).Select(i => new KeyValuePair<string, RedisValue>($"field-{i}", $"value-{i}-{new string('v', i % 50)}")).ToList();
        Assert.Equal(20_000, await _redis.HashSetAsync(key, fields));

        var all = await _redis.HashGetAllAsync(key);
        Assert.Equal(20_000, all.Count);
        Assert.All(fields, f => Assert.Equal(f.Value, all[f.Key]));
    }
}
