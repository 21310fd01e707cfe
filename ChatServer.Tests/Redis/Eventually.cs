namespace ChatServer.Tests.Redis;

/// <summary>Polls a condition until it holds or a bounded deadline passes (instead of sleeping in tests).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (await condition()) return;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Condition not met within {(timeout ?? TimeSpan.FromSeconds(10)).TotalSeconds} s. {because}");
            await Task.Delay(10);
        }
    }

    public static Task TrueAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, because);
}
