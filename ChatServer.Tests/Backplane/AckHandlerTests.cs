using ChatServer.Backplane;

namespace ChatServer.Tests.Backplane;

public sealed class AckHandlerTests
{
    [Fact]
    public async Task An_acknowledged_command_completes_even_if_the_ack_came_first()
    {
        using var acks = new AckHandler(TimeSpan.FromSeconds(5), TimeProvider.System);
        var early = acks.NextId();
        var late = acks.NextId();

        acks.Acknowledge(early);
        var waiting = acks.WaitAsync(late, "add", CancellationToken.None);
        acks.Acknowledge(late);

        await acks.WaitAsync(early, "add", CancellationToken.None);
        await waiting;
        Assert.NotEqual(early, late);
    }

    [Fact]
    public async Task An_unacknowledged_command_times_out_with_a_clear_error()
    {
        using var acks = new AckHandler(TimeSpan.FromMilliseconds(100), TimeProvider.System);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => acks.WaitAsync(acks.NextId(), "add c1 to general", CancellationToken.None));

        Assert.Contains("add c1 to general", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_fails_pending_commands()
    {
        var acks = new AckHandler(TimeSpan.FromSeconds(30), TimeProvider.System);
        var waiting = acks.WaitAsync(acks.NextId(), "add", CancellationToken.None);

        acks.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
    }
}
