using ChatServer.Redis;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Redis;

[Collection(RedisServerCollection.Name)]
public sealed class RedisConcurrencyTests(RedisServerFixture fixture)
{
    private readonly RedisConnection _redis = fixture.Connection;

    [Fact]
    public async Task Hundred_thousand_concurrent_INCRs_from_many_tasks_end_at_exactly_100000()
    {
        var key = RedisServerFixture.Key("incr");
        const int tasks = 200;
        const int perTask = 500;
        var workers = Enumerable.Range(0, tasks).Select(_ => Task.Run(async () =>
        {
            // Each worker keeps a window of commands in flight, so batches really mix callers.
            var window = new List<Task<long>>(50);
            for (var i = 0; i < perTask; i++)
            {
                window.Add(_redis.IncrementAsync(key));
                if (window.Count == 50)
                {
                    await Task.WhenAll(window);
                    window.Clear();
                }
            }

            await Task.WhenAll(window);
        }));
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(tasks * perTask, (await _redis.GetAsync(key)).ToInt64());
    }

    [Fact]
    public async Task Replies_never_cross_between_callers_under_load()
    {
        var prefix = RedisServerFixture.Key("cross");
        const int callers = 64;
        const int rounds = 300;
        var workers = Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var key = $"{prefix}:{caller}";
            for (var round = 0; round < rounds; round++)
            {
                // Every caller writes and reads its own value; a reply matched to the wrong caller shows at once.
                var value = $"{caller}:{round}:{new string('x', caller * 7 % 300)}";
                var set = _redis.SetAsync(key, value);
                var get = _redis.GetStringAsync(key);
                var echo = _redis.ExecuteAsync("ECHO", [value]);
                await set;
                Assert.Equal(value, await get);
                Assert.Equal(value, (await echo).ToString());
            }
        }));
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Cancelled_caller_does_not_shift_other_replies()
    {
        var key = RedisServerFixture.Key("cancel");
        await _redis.SetAsync(key, "kept");
        using var cts = new CancellationTokenSource();
        var tasks = new List<Task<string?>>();
        for (var i = 0; i < 200; i++)
        {
            var token = i % 3 == 0 ? cts.Token : CancellationToken.None;
            tasks.Add(_redis.GetStringAsync(key, token));
            if (i == 100) await cts.CancelAsync();
        }

        foreach (var (task, i) in tasks.Select((t, i) => (t, i)))
        {
            if (i % 3 == 0 && i > 100) await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
            else if (i % 3 != 0) Assert.Equal("kept", await task);
            else
            {
                // Issued before cancellation: either answered or cancelled, never a wrong value.
                try
                {
                    Assert.Equal("kept", await task);
                }
                catch (OperationCanceledException)
                {
                    Assert.True(task.IsCanceled);
                }
            }
        }

        Assert.Equal("kept", await _redis.GetStringAsync(key));
    }
}
