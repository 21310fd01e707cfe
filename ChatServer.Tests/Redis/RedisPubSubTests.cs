using System.Collections.Concurrent;
using ChatServer.Redis;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Redis;

[Collection(RedisServerCollection.Name)]
public sealed class RedisPubSubTests(RedisServerFixture fixture)
{
    private readonly RedisConnection _redis = fixture.Connection;

    [Fact]
    public async Task Messages_arrive_in_publish_order_per_channel()
    {
        var channel = RedisServerFixture.Key("ordered");
        var received = new ConcurrentQueue<long>();
        await using var subscription = await _redis.SubscribeAsync(channel, (message, _) =>
        {
            received.Enqueue(message.Payload.ToInt64());
            return ValueTask.CompletedTask;
        });

        // Fire-and-await in bulk: PUBLISHes share the pipeline, so order on the wire is issue order.
        await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => _redis.PublishAsync(channel, i)));
        await Eventually.TrueAsync(() => received.Count == 2000);
        Assert.Equal(Enumerable.Range(0, 2000).Select(i => (long)i), received);
    }

    [Fact]
    public async Task Many_channels_each_get_only_their_own_messages()
    {
        var prefix = RedisServerFixture.Key("many");
        var received = new ConcurrentDictionary<string, ConcurrentQueue<string>>();
        var subscriptions = new List<RedisSubscription>();
        for (var c = 0; c < 50; c++)
        {
            var channel = $"{prefix}:{c}";
            var queue = received.GetOrAdd(channel, _ => new ConcurrentQueue<string>());
            subscriptions.Add(await _redis.SubscribeAsync(channel, (message, _) =>
            {
                queue.Enqueue(message.Channel + "|" + message.Payload);
                return ValueTask.CompletedTask;
            }));
        }

        var publishes = new List<Task<long>>();
        for (var i = 0; i < 20; i++)
        {
            for (var c = 0; c < 50; c++) publishes.Add(_redis.PublishAsync($"{prefix}:{c}", $"{c}-{i}"));
        }

        Assert.All(await Task.WhenAll(publishes), receivers => Assert.Equal(1, receivers));
        await Eventually.TrueAsync(() => received.Values.All(q => q.Count == 20));
        for (var c = 0; c < 50; c++)
        {
            var channel = $"{prefix}:{c}";
            Assert.Equal(Enumerable.Range(0, 20).Select(i => $"{channel}|{c}-{i}"), received[channel]);
        }

        foreach (var subscription in subscriptions) await subscription.DisposeAsync();
    }

    [Fact]
    public async Task Pattern_subscription_receives_matching_channels_with_the_pattern()
    {
        var prefix = RedisServerFixture.Key("pattern");
        var received = new ConcurrentQueue<RedisMessage>();
        await using var subscription = await _redis.SubscribePatternAsync(prefix + ":room:*", (message, _) =>
        {
            received.Enqueue(message);
            return ValueTask.CompletedTask;
        });
        Assert.True(subscription.IsPattern);

        await _redis.PublishAsync(prefix + ":room:1", "a");
        await _redis.PublishAsync(prefix + ":other", "ignored");
        await _redis.PublishAsync(prefix + ":room:2", "b");

        await Eventually.TrueAsync(() => received.Count == 2);
        Assert.Equal([(prefix + ":room:1", "a"), (prefix + ":room:2", "b")], received.Select(m => (m.Channel, m.Payload.ToString()!)));
        Assert.All(received, m => Assert.Equal(prefix + ":room:*", m.Pattern));
    }

    [Fact]
    public async Task Unsubscribe_happens_on_the_last_handler_only()
    {
        var channel = RedisServerFixture.Key("refcount");
        var first = new ConcurrentQueue<string>();
        var second = new ConcurrentQueue<string>();
        var a = await _redis.SubscribeAsync(channel, (m, _) => { first.Enqueue(m.Payload.ToString()!); return ValueTask.CompletedTask; });
        var b = await _redis.SubscribeAsync(channel, (m, _) => { second.Enqueue(m.Payload.ToString()!); return ValueTask.CompletedTask; });

        Assert.Equal(1, await _redis.PublishAsync(channel, "both"));
        await Eventually.TrueAsync(() => first.Count == 1 && second.Count == 1);

        await a.DisposeAsync();
        Assert.Equal(1, await _redis.PublishAsync(channel, "second only"));
        await Eventually.TrueAsync(() => second.Count == 2);
        Assert.Single(first);

        await b.DisposeAsync();
        await Eventually.TrueAsync(async () => await _redis.PublishAsync(channel, "nobody") == 0);
        Assert.Equal(0, (await _redis.ExecuteAsync("PUBSUB", ["NUMSUB", channel])).Elements[1].ToInt64());
    }

    [Fact]
    public async Task Slow_handler_does_not_stall_other_channels_and_drops_when_its_queue_is_full()
    {
        var slowChannel = RedisServerFixture.Key("slow");
        var fastChannel = RedisServerFixture.Key("fast");
        await using var client = await fixture.ConnectAsync(o => o.SubscriptionQueueCapacity = 10);
        using var release = new SemaphoreSlim(0);
        var slowSeen = 0;
        var fastSeen = 0;
        await using var slow = await client.SubscribeAsync(slowChannel, async (_, ct) =>
        {
            Interlocked.Increment(ref slowSeen);
            await release.WaitAsync(ct);
        });
        await using var fast = await client.SubscribeAsync(fastChannel, (_, _) =>
        {
            Interlocked.Increment(ref fastSeen);
            return ValueTask.CompletedTask;
        });

        // The blocked handler holds at most one message and its queue ten; the rest are dropped.
        for (var i = 0; i < 100; i++) await _redis.PublishAsync(slowChannel, i);
        await Eventually.TrueAsync(() => slow.DroppedMessages >= 89);

        // Meanwhile the socket reader keeps delivering to the other channel, one message after another. (Each is
        // awaited before the next: the fast handler's queue is ten deep too, and a busy machine may run it late.)
        for (var i = 1; i <= 100; i++)
        {
            await _redis.PublishAsync(fastChannel, i);
            var expected = i;
            await Eventually.TrueAsync(() => Volatile.Read(ref fastSeen) == expected);
        }

        Assert.Equal(0, fast.DroppedMessages);
        await Eventually.TrueAsync(() => Volatile.Read(ref slowSeen) == 1);

        // Released: what was queued is delivered, and every message was either delivered or counted as dropped.
        release.Release(100);
        await Eventually.TrueAsync(() => Volatile.Read(ref slowSeen) + slow.DroppedMessages == 100);
        Assert.InRange(Volatile.Read(ref slowSeen), 10, 11);
    }

    [Fact]
    public async Task Handler_exception_does_not_end_the_subscription()
    {
        var channel = RedisServerFixture.Key("throws");
        var seen = new ConcurrentQueue<string>();
        await using var subscription = await _redis.SubscribeAsync(channel, (m, _) =>
        {
            var text = m.Payload.ToString()!;
            seen.Enqueue(text);
            if (text == "bad") throw new InvalidOperationException("handler bug");
            return ValueTask.CompletedTask;
        });

        await _redis.PublishAsync(channel, "bad");
        await _redis.PublishAsync(channel, "good");
        await Eventually.TrueAsync(() => seen.Count == 2);
        Assert.Equal(["bad", "good"], seen);
    }

    [Fact]
    public async Task Binary_payloads_are_delivered_intact()
    {
        var channel = RedisServerFixture.Key("binary");
        var payload = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var received = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await _redis.SubscribeAsync(channel, (m, _) =>
        {
            received.TrySetResult(m.Payload.ToArray()!);
            return ValueTask.CompletedTask;
        });
        await _redis.PublishAsync(channel, payload);
        Assert.Equal(payload, await received.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
