using ChatServer.Redis;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Redis;

[Collection(RedisServerCollection.Name)]
public sealed class RedisCommandTests(RedisServerFixture fixture)
{
    private readonly RedisConnection _redis = fixture.Connection;

    private static string Key(string name) => RedisServerFixture.Key(name);

    [Fact]
    public async Task Ping_answers()
    {
        var rtt = await _redis.PingAsync();
        Assert.True(rtt >= TimeSpan.Zero);
        Assert.Equal("PONG", (await _redis.ExecuteAsync("PING")).ToString());
    }

    [Fact]
    public async Task Get_and_set_round_trip_text_and_report_missing_as_null()
    {
        var key = Key("str");
        Assert.True((await _redis.GetAsync(key)).IsNull);
        Assert.True(await _redis.SetAsync(key, "héllo ✓ 你好"));
        Assert.Equal("héllo ✓ 你好", await _redis.GetStringAsync(key));
    }

    [Fact]
    public async Task Set_with_expiry_uses_EX_or_PX()
    {
        var seconds = Key("ex");
        await _redis.SetAsync(seconds, "v", TimeSpan.FromSeconds(100));
        Assert.InRange(await _redis.TimeToLiveAsync(seconds), 90, 100);

        var millis = Key("px");
        await _redis.SetAsync(millis, "v", TimeSpan.FromMilliseconds(50_500));
        Assert.InRange(await _redis.TimeToLiveMillisecondsAsync(millis), 40_000, 50_500);
    }

    [Fact]
    public async Task Set_NX_and_XX_respect_existence()
    {
        var key = Key("nx");
        Assert.False(await _redis.SetAsync(key, "a", condition: SetCondition.IfExists));
        Assert.True(await _redis.SetAsync(key, "a", condition: SetCondition.IfNotExists));
        Assert.False(await _redis.SetAsync(key, "b", condition: SetCondition.IfNotExists));
        Assert.Equal("a", await _redis.GetStringAsync(key));
        Assert.True(await _redis.SetAsync(key, "c", TimeSpan.FromSeconds(10), SetCondition.IfExists));
        Assert.Equal("c", await _redis.GetStringAsync(key));
    }

    [Fact]
    public async Task Binary_payloads_and_one_megabyte_values_round_trip()
    {
        var binary = Enumerable.Range(0, 256).Select(i => (byte)i).Concat("\r\n$-1\r\n*"u8.ToArray()).ToArray();
        var key = Key("bin");
        await _redis.SetAsync(key, binary);
        Assert.Equal(binary, (await _redis.GetAsync(key)).ToArray());

        var big = new byte[1024 * 1024];
        new Random(7).NextBytes(big);
        var bigKey = Key("big");
        await _redis.SetAsync(bigKey, big);
        Assert.Equal(big, (await _redis.GetAsync(bigKey)).ToArray());

        var text = string.Concat(Enumerable.Repeat("ü✓", 200_000));
        var textKey = Key("bigtext");
        await _redis.SetAsync(textKey, text);
        Assert.Equal(text, await _redis.GetStringAsync(textKey));
    }

    [Fact]
    public async Task Delete_exists_expire_pexpire_and_ttl()
    {
        var a = Key("a");
        var b = Key("b");
        Assert.Equal(-2, await _redis.TimeToLiveAsync(a));
        await _redis.SetAsync(a, 1);
        await _redis.SetAsync(b, 2);
        Assert.Equal(-1, await _redis.TimeToLiveAsync(a));
        Assert.True(await _redis.ExistsAsync(a));
        Assert.Equal(2, await _redis.ExistsAsync([a, b, Key("missing")]));

        Assert.True(await _redis.ExpireAsync(a, TimeSpan.FromSeconds(30)));
        Assert.InRange(await _redis.TimeToLiveAsync(a), 25, 30);
        Assert.True(await _redis.ExpireAsync(b, TimeSpan.FromMilliseconds(20_250)));
        Assert.InRange(await _redis.TimeToLiveMillisecondsAsync(b), 15_000, 20_250);
        Assert.False(await _redis.ExpireAsync(Key("missing"), TimeSpan.FromSeconds(1)));

        Assert.True(await _redis.DeleteAsync(a));
        Assert.False(await _redis.DeleteAsync(a));
        Assert.Equal(1, await _redis.DeleteAsync([a, b]));
        Assert.False(await _redis.ExistsAsync(b));
    }

    [Fact]
    public async Task Expired_key_disappears()
    {
        var key = Key("short");
        await _redis.SetAsync(key, "v", TimeSpan.FromMilliseconds(100));
        await Eventually.TrueAsync(async () => !await _redis.ExistsAsync(key));
    }

    [Fact]
    public async Task Incr_and_incrby()
    {
        var key = Key("counter");
        Assert.Equal(1, await _redis.IncrementAsync(key));
        Assert.Equal(11, await _redis.IncrementAsync(key, 10));
        Assert.Equal(6, await _redis.IncrementAsync(key, -5));
        await _redis.SetAsync(key, "not a number");
        var error = await Assert.ThrowsAsync<RedisServerException>(() => _redis.IncrementAsync(key));
        Assert.Equal("ERR", error.ErrorCode);
    }

    [Fact]
    public async Task Wrong_type_is_a_server_error_and_the_connection_stays_usable()
    {
        var key = Key("set");
        await _redis.SetAddAsync(key, "x");
        var error = await Assert.ThrowsAsync<RedisServerException>(() => _redis.GetAsync(key));
        Assert.Equal("WRONGTYPE", error.ErrorCode);
        Assert.True(await _redis.SetContainsAsync(key, "x"));
    }

    [Fact]
    public async Task Set_commands()
    {
        var key = Key("members");
        Assert.True(await _redis.SetAddAsync(key, "alice"));
        Assert.False(await _redis.SetAddAsync(key, "alice"));
        Assert.Equal(2, await _redis.SetAddAsync(key, ["bob", "carol", "alice"]));
        Assert.Equal(3, await _redis.SetLengthAsync(key));
        Assert.True(await _redis.SetContainsAsync(key, "bob"));
        Assert.False(await _redis.SetContainsAsync(key, "dave"));
        Assert.Equal(["alice", "bob", "carol"], (await _redis.SetMembersAsync(key)).Select(v => v.ToString()).Order());
        Assert.True(await _redis.SetRemoveAsync(key, "bob"));
        Assert.False(await _redis.SetRemoveAsync(key, "bob"));
        Assert.Equal(1, await _redis.SetRemoveAsync(key, ["carol", "nobody"]));
        Assert.Equal(1, await _redis.SetLengthAsync(key));
        Assert.Empty(await _redis.SetMembersAsync(Key("none")));
    }

    [Fact]
    public async Task Hash_commands()
    {
        var key = Key("hash");
        Assert.True(await _redis.HashSetAsync(key, "name", "Zoë"));
        Assert.False(await _redis.HashSetAsync(key, "name", "Zoé"));
        Assert.Equal(2, await _redis.HashSetAsync(key, [new("a", 1), new("b", new byte[] { 1, 2, 3 })]));
        Assert.Equal("Zoé", (await _redis.HashGetAsync(key, "name")).ToString());
        Assert.True((await _redis.HashGetAsync(key, "missing")).IsNull);
        Assert.Equal(8, await _redis.HashIncrementAsync(key, "a", 7));
        var all = await _redis.HashGetAllAsync(key);
        Assert.Equal(3, all.Count);
        Assert.Equal(8, all["a"].ToInt64());
        Assert.Equal([1, 2, 3], all["b"].ToArray());
        Assert.True(await _redis.HashDeleteAsync(key, "a"));
        Assert.False(await _redis.HashDeleteAsync(key, "a"));
        Assert.Empty(await _redis.HashGetAllAsync(Key("none")));
    }

    [Fact]
    public async Task Sorted_set_commands_with_inclusive_and_exclusive_bounds()
    {
        var key = Key("z");
        Assert.True(await _redis.SortedSetAddAsync(key, "one", 1));
        Assert.True(await _redis.SortedSetAddAsync(key, "two", 2));
        Assert.True(await _redis.SortedSetAddAsync(key, "three", 3));
        Assert.False(await _redis.SortedSetAddAsync(key, "three", 3.5));

        Assert.Equal(["one", "two", "three"], (await _redis.SortedSetRangeByScoreAsync(key, ScoreBound.NegativeInfinity, ScoreBound.PositiveInfinity)).Select(v => v.ToString()));
        Assert.Equal(["two"], (await _redis.SortedSetRangeByScoreAsync(key, ScoreBound.ExclusiveOf(1), ScoreBound.ExclusiveOf(3.5))).Select(v => v.ToString()));
        Assert.Equal(["two", "three"], (await _redis.SortedSetRangeByScoreAsync(key, 1, 10, skip: 1, take: 5)).Select(v => v.ToString()));

        var withScores = await _redis.SortedSetRangeByScoreWithScoresAsync(key, 2, double.PositiveInfinity);
        Assert.Equal([new RedisSortedSetEntry("two", 2), new RedisSortedSetEntry("three", 3.5)], withScores);

        Assert.True(await _redis.SortedSetRemoveAsync(key, "one"));
        Assert.False(await _redis.SortedSetRemoveAsync(key, "one"));
        Assert.Equal(1, await _redis.SortedSetRemoveRangeByScoreAsync(key, ScoreBound.NegativeInfinity, ScoreBound.ExclusiveOf(3.5)));
        Assert.Equal(["three"], (await _redis.SortedSetRangeByScoreAsync(key, ScoreBound.NegativeInfinity, ScoreBound.PositiveInfinity)).Select(v => v.ToString()));
    }
}
