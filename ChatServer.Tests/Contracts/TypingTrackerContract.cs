using ChatServer.Chat;

namespace ChatServer.Tests.Contracts;

/// <summary>What every <see cref="ITypingTracker"/> must do; run against each implementation.</summary>
public abstract class TypingTrackerContract
{
    /// <summary>
    /// The expiry the tracker under test is created with. Redis expires on its own clock, so real time passes: 2 s
    /// leaves a refresh 0.8 s of slack for slow round trips on a loaded machine.
    /// </summary>
    protected static readonly TimeSpan Expiry = TimeSpan.FromSeconds(2);

    private protected abstract Task<ITypingTracker> CreateTrackerAsync();

    /// <summary>Lets the tracker's notion of time pass (a manual clock, or real time for a server-side expiry).</summary>
    protected abstract Task ElapseAsync(TimeSpan time);

    protected static string NewRoom() => "r" + Guid.NewGuid().ToString("N")[..16];

    [Fact]
    public async Task Start_reports_a_change_only_the_first_time_and_stop_only_when_typing()
    {
        var typing = await CreateTrackerAsync();
        var room = NewRoom();

        Assert.True(await typing.StartAsync(room, "alice", default));
        Assert.False(await typing.StartAsync(room, "alice", default));
        Assert.True(await typing.StartAsync(room, "bob", default));
        Assert.Equal(["alice", "bob"], await typing.GetTypingAsync(room, default));

        Assert.True(await typing.StopAsync(room, "alice", default));
        Assert.False(await typing.StopAsync(room, "alice", default));
        Assert.Equal(["bob"], await typing.GetTypingAsync(room, default));
        Assert.Empty(await typing.GetTypingAsync(NewRoom(), default));
    }

    [Fact]
    public async Task Typing_expires_and_each_expiry_is_reported_once()
    {
        var typing = await CreateTrackerAsync();
        var room = NewRoom();
        await typing.StartAsync(room, "alice", default);

        await ElapseAsync(Expiry + TimeSpan.FromMilliseconds(200));

        Assert.Empty(await typing.GetTypingAsync(room, default));
        var expired = await typing.RemoveExpiredAsync(default);
        Assert.Contains(new TypingEntry(room, "alice"), expired);
        Assert.DoesNotContain(new TypingEntry(room, "alice"), await typing.RemoveExpiredAsync(default));
        Assert.True(await typing.StartAsync(room, "alice", default));
    }

    [Fact]
    public async Task Starting_again_refreshes_the_expiry()
    {
        var typing = await CreateTrackerAsync();
        var room = NewRoom();
        await typing.StartAsync(room, "alice", default);

        await ElapseAsync(Expiry * 0.6);
        await typing.StartAsync(room, "alice", default);
        await ElapseAsync(Expiry * 0.6);

        Assert.Equal(["alice"], await typing.GetTypingAsync(room, default));
        Assert.DoesNotContain(new TypingEntry(room, "alice"), await typing.RemoveExpiredAsync(default));
    }

    [Fact]
    public async Task A_stopped_entry_is_not_reported_as_expired()
    {
        var typing = await CreateTrackerAsync();
        var room = NewRoom();
        await typing.StartAsync(room, "alice", default);
        await typing.StopAsync(room, "alice", default);

        await ElapseAsync(Expiry + TimeSpan.FromMilliseconds(200));

        Assert.DoesNotContain(new TypingEntry(room, "alice"), await typing.RemoveExpiredAsync(default));
    }
}
