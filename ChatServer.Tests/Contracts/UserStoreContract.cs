using ChatServer.Chat;

namespace ChatServer.Tests.Contracts;

/// <summary>What every <see cref="IUserStore"/> must do; run against each implementation.</summary>
public abstract class UserStoreContract
{
    private protected abstract Task<IUserStore> CreateStoreAsync();

    protected static string NewUser() => "u" + Guid.NewGuid().ToString("N")[..16];

    [Fact]
    public async Task A_created_account_is_found_by_its_name_in_any_case()
    {
        var users = await CreateStoreAsync();
        var account = new UserAccount(NewUser() + "Mixed", "hash-value", new DateTime(2026, 5, 1, 10, 0, 0, DateTimeKind.Utc));

        Assert.True(await users.CreateAsync(account, default));

        Assert.Equal(account, await users.FindAsync(account.UserName, default));
        Assert.Equal(account, await users.FindAsync(account.UserName.ToUpperInvariant(), default));
        Assert.Null(await users.FindAsync(NewUser(), default));
    }

    [Fact]
    public async Task A_name_taken_in_another_case_cannot_be_created_again()
    {
        var users = await CreateStoreAsync();
        var name = NewUser();
        Assert.True(await users.CreateAsync(new UserAccount(name, "first", DateTime.UtcNow), default));

        Assert.False(await users.CreateAsync(new UserAccount(name.ToUpperInvariant(), "second", DateTime.UtcNow), default));
        Assert.Equal("first", (await users.FindAsync(name, default))?.PasswordHash);
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_name_create_exactly_one_account()
    {
        var users = await CreateStoreAsync();
        var name = NewUser();

        var created = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => users.CreateAsync(new UserAccount(name, $"hash{i}", DateTime.UtcNow), default))));

        Assert.Single(created, c => c);
    }
}
