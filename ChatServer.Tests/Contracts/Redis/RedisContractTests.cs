using ChatServer.Auth;
using ChatServer.Chat;
using ChatServer.Chat.Options;
using ChatServer.Chat.Redis;
using ChatServer.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatServer.Tests.Contracts.Redis;

// The shared contract suites, run against the Redis stores on a real redis-server.

[Collection(RedisServerCollection.Name)]
public sealed class RedisPresenceTrackerTests(RedisServerFixture redis) : PresenceTrackerContract, IAsyncLifetime
{
    private readonly RedisStoreScope _scope = new(redis);

    // Connected before the test, as the app connects at start-up: the timed contracts measure commands, not the handshake.
    public async Task InitializeAsync() => await _scope.Connection.GetDatabaseAsync();

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    private protected override Task<IPresenceTracker> CreateTrackerAsync() =>
        Task.FromResult<IPresenceTracker>(CreateInstance("test-instance"));

    [Fact]
    public async Task Another_instance_learns_a_connections_rooms_from_Redis()
    {
        var (holder, other) = (CreateInstance("instance-a"), CreateInstance("instance-b"));
        var (room, connection) = (NewRoom(), NewConnection());
        await holder.JoinAsync(room, "alice", connection, default);

        Assert.True(await other.IsJoinedAsync(room, connection, default));
        await holder.LeaveAsync(room, "alice", connection, default);
        Assert.False(await other.IsJoinedAsync(room, connection, default));
    }

    [Fact]
    public async Task A_live_connection_stays_joined_on_its_own_instance_after_a_sweep_erased_it_from_Redis()
    {
        var (holder, other) = (CreateInstance("instance-a"), CreateInstance("instance-b"));
        var (room, connection) = (NewRoom(), NewConnection());
        await holder.JoinAsync(room, "alice", connection, default);

        // What a survivor's sweep does to an instance that paused past its lease (restored when it resumes).
        await _scope.Database.KeyDeleteAsync(_scope.Keys.ConnectionRooms(connection));

        Assert.False(await other.IsJoinedAsync(room, connection, default));
        Assert.True(await holder.IsJoinedAsync(room, connection, default));
        Assert.False(await holder.IsJoinedAsync(NewRoom(), connection, default));
    }

    private RedisPresenceTracker CreateInstance(string instanceId) =>
        new(_scope.Connection, _scope.Keys, _scope.Scripts, new ServerInfo(instanceId, ServerInfo.RedisMode));
}

[Collection(RedisServerCollection.Name)]
public sealed class RedisTypingTrackerTests(RedisServerFixture redis) : RedisTypingTrackerSuite(redis);

[Collection(RedisServerCollection.Name)]
public sealed class RedisRateLimiterTests(RedisServerFixture redis) : RateLimiterContract, IAsyncLifetime
{
    private readonly RedisStoreScope _scope = new(redis);

    // Connected before the test, as the app connects at start-up: the timed contracts measure commands, not the handshake.
    public async Task InitializeAsync() => await _scope.Connection.GetDatabaseAsync();

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    private protected override Task<IRateLimiter> CreateLimiterAsync() =>
        Task.FromResult<IRateLimiter>(new RedisRateLimiter(_scope.Connection, _scope.Keys, _scope.Scripts));

    // The bucket refills on the Redis server's clock, so time really has to pass.
    protected override Task ElapseAsync(TimeSpan time) => Task.Delay(time);
}

[Collection(RedisServerCollection.Name)]
public sealed class RedisUserStoreTests(RedisServerFixture redis) : UserStoreContract, IAsyncLifetime
{
    private readonly RedisStoreScope _scope = new(redis);

    // Connected before the test, as the app connects at start-up: the timed contracts measure commands, not the handshake.
    public async Task InitializeAsync() => await _scope.Connection.GetDatabaseAsync();

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    private protected override Task<IUserStore> CreateStoreAsync() =>
        Task.FromResult<IUserStore>(new RedisUserStore(_scope.Connection, _scope.Keys, _scope.Scripts));

    [Fact]
    public async Task An_account_stored_before_accounts_had_ids_gets_one_id_that_every_reader_sees()
    {
        var name = NewUser();
        await _scope.Database.HashSetAsync(_scope.Keys.Account(name), [new("name", name), new("hash", "old-hash"), new("created", "2025-01-01T00:00:00.0000000Z")]);
        var (one, other) = (await CreateStoreAsync(), await CreateStoreAsync());

        var first = await one.FindAsync(name, default);
        var second = await other.FindAsync(name.ToUpperInvariant(), default);

        Assert.NotNull(first);
        Assert.Equal(32, first.Id.Length);
        Assert.Equal("old-hash", first.PasswordHash);
        Assert.Equal(first, second);
        Assert.Equal(first.Id, (string?)await _scope.Database.HashGetAsync(_scope.Keys.Account(name), "id"));
    }
}

[Collection(RedisServerCollection.Name)]
public sealed class RedisRefreshTokenStoreTests(RedisServerFixture redis) : RefreshTokenStoreContract, IAsyncLifetime
{
    private readonly RedisStoreScope _scope = new(redis);

    public async Task InitializeAsync() => await _scope.Connection.GetDatabaseAsync();

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    private protected override Task<IRefreshTokenStore> CreateStoreAsync(TimeProvider clock) =>
        Task.FromResult<IRefreshTokenStore>(new RedisRefreshTokenStore(_scope.Connection, _scope.Keys, _scope.Scripts, clock));

    [Fact]
    public async Task Redis_keeps_only_hashes_and_a_family_expires_with_its_current_token()
    {
        var store = await CreateStoreAsync(Clock);
        var token = RefreshToken.StartFamily();
        await store.CreateAsync(new RefreshTokenFamily(token.FamilyId, "owner", "account", "stamp"), token.Hash, Clock.GetUtcNow().AddHours(1), default);
        var next = token.Next();
        await store.RotateAsync(token.FamilyId, token.Hash, next.Hash, Clock.GetUtcNow().AddHours(2), default);

        var family = _scope.Keys.RefreshFamily(token.FamilyId);
        var fields = (await _scope.Database.HashGetAllAsync(family)).ToStringDictionary();
        var ttl = await _scope.Database.KeyTimeToLiveAsync(family);
        var markerTtl = await _scope.Database.KeyTimeToLiveAsync(_scope.Keys.RefreshTokenReplaced(token.FamilyId, token.Hash));

        Assert.Equal(next.Hash, fields["current"]);
        Assert.DoesNotContain(fields.Values, value => value.Contains(next.Text, StringComparison.Ordinal) || value.Contains(token.Text, StringComparison.Ordinal));
        Assert.InRange(ttl!.Value, TimeSpan.FromHours(2) - TimeSpan.FromMinutes(1), TimeSpan.FromHours(2));
        Assert.InRange(markerTtl!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        // Both keys carry the family id as their hash tag, so the rotation script's keys are in one slot.
        Assert.Contains("{" + token.FamilyId + "}", family, StringComparison.Ordinal);
        Assert.Contains("{" + token.FamilyId + "}", _scope.Keys.RefreshTokenReplaced(token.FamilyId, token.Hash), StringComparison.Ordinal);
    }
}
