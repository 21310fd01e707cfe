using ChatServer.Auth;

namespace ChatServer.Tests.Contracts;

/// <summary>What every <see cref="IRefreshTokenStore"/> must do; run against each implementation.</summary>
public abstract class RefreshTokenStoreContract
{
    private protected abstract Task<IRefreshTokenStore> CreateStoreAsync(TimeProvider clock);

    private protected Infrastructure.ManualTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task The_current_token_rotates_once_and_its_owner_comes_back()
    {
        var store = await CreateStoreAsync(Clock);
        var (family, first) = await StartAsync(store);
        var second = first.Next();

        var rotated = await store.RotateAsync(family.Id, first.Hash, second.Hash, Clock.GetUtcNow().AddDays(1), default);
        var third = second.Next();
        var again = await store.RotateAsync(family.Id, second.Hash, third.Hash, Clock.GetUtcNow().AddDays(1), default);

        Assert.Equal(new RefreshTokenRotation(RefreshTokenOutcome.Rotated, family), rotated);
        Assert.Equal(RefreshTokenOutcome.Rotated, again.Outcome);
    }

    [Fact]
    public async Task A_replaced_token_presented_again_revokes_the_family()
    {
        var store = await CreateStoreAsync(Clock);
        var (family, first) = await StartAsync(store);
        var second = first.Next();
        await store.RotateAsync(family.Id, first.Hash, second.Hash, Clock.GetUtcNow().AddDays(1), default);

        var replay = await store.RotateAsync(family.Id, first.Hash, first.Next().Hash, Clock.GetUtcNow().AddDays(1), default);
        var current = await store.RotateAsync(family.Id, second.Hash, second.Next().Hash, Clock.GetUtcNow().AddDays(1), default);

        Assert.Equal(new RefreshTokenRotation(RefreshTokenOutcome.Reused, family), replay);
        Assert.Equal(RefreshTokenOutcome.Invalid, current.Outcome);
    }

    [Fact]
    public async Task Concurrent_rotations_of_one_token_rotate_it_exactly_once()
    {
        var store = await CreateStoreAsync(Clock);
        var (family, first) = await StartAsync(store);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            Task.Run(() => store.RotateAsync(family.Id, first.Hash, first.Next().Hash, Clock.GetUtcNow().AddDays(1), default))));

        Assert.Single(outcomes, o => o.Outcome == RefreshTokenOutcome.Rotated);
    }

    [Fact]
    public async Task Unknown_and_expired_tokens_are_invalid_and_revoke_nothing()
    {
        var store = await CreateStoreAsync(Clock);
        var (family, first) = await StartAsync(store, lifetime: TimeSpan.FromMinutes(1));
        var stranger = RefreshToken.StartFamily();

        var unknownFamily = await store.RotateAsync(stranger.FamilyId, stranger.Hash, stranger.Next().Hash, Clock.GetUtcNow().AddDays(1), default);
        var unknownSecret = await store.RotateAsync(family.Id, first.Next().Hash, first.Next().Hash, Clock.GetUtcNow().AddDays(1), default);
        var stillWorks = first.Next();
        var rotated = await store.RotateAsync(family.Id, first.Hash, stillWorks.Hash, Clock.GetUtcNow().AddMinutes(1), default);
        Clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await store.RotateAsync(family.Id, stillWorks.Hash, stillWorks.Next().Hash, Clock.GetUtcNow().AddDays(1), default);

        Assert.Equal(RefreshTokenOutcome.Invalid, unknownFamily.Outcome);
        Assert.Equal(RefreshTokenOutcome.Invalid, unknownSecret.Outcome);
        Assert.Equal(RefreshTokenOutcome.Rotated, rotated.Outcome);
        Assert.Equal(RefreshTokenOutcome.Invalid, expired.Outcome);
    }

    [Fact]
    public async Task Only_the_owner_revokes_a_family_with_its_current_or_a_replaced_token()
    {
        var store = await CreateStoreAsync(Clock);
        var (family, first) = await StartAsync(store);
        var second = first.Next();
        await store.RotateAsync(family.Id, first.Hash, second.Hash, Clock.GetUtcNow().AddDays(1), default);

        Assert.False(await store.RevokeAsync(family.Id, second.Hash, "someone-else", default));
        Assert.False(await store.RevokeAsync(family.Id, second.Next().Hash, family.UserName, default));
        Assert.True(await store.RevokeAsync(family.Id, first.Hash, family.UserName.ToUpperInvariant(), default));

        Assert.Equal(RefreshTokenOutcome.Invalid, (await store.RotateAsync(family.Id, second.Hash, second.Next().Hash, Clock.GetUtcNow().AddDays(1), default)).Outcome);
        Assert.False(await store.RevokeAsync(family.Id, second.Hash, family.UserName, default));
    }

    private async Task<(RefreshTokenFamily Family, RefreshToken First)> StartAsync(IRefreshTokenStore store, TimeSpan? lifetime = null)
    {
        var first = RefreshToken.StartFamily();
        var family = new RefreshTokenFamily(first.FamilyId, "Owner-" + Guid.NewGuid().ToString("N")[..8], Guid.NewGuid().ToString("N"), "stamp");
        await store.CreateAsync(family, first.Hash, Clock.GetUtcNow() + (lifetime ?? TimeSpan.FromDays(1)), default);
        return (family, first);
    }
}
