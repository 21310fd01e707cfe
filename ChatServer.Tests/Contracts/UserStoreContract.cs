using ChatServer.Chat;

namespace ChatServer.Tests.Contracts;

/// <summary>What every <see cref="IUserStore"/> must do; run against each implementation.</summary>
public abstract class UserStoreContract
{
    private protected abstract Task<IUserStore> CreateStoreAsync();

    protected static string NewUser() => "u" + Guid.NewGuid().ToString("N")[..16];

    [Fact]
    public async Task A_created_account_is_found_by_its_name_in_any_case_with_its_id_and_stamp()
    {
        var users = await CreateStoreAsync();
        var account = UserAccount.Create(NewUser() + "Mixed", "hash-value", new DateTime(2026, 5, 1, 10, 0, 0, DateTimeKind.Utc));

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
        Assert.True(await users.CreateAsync(UserAccount.Create(name, "first", DateTime.UtcNow), default));

        Assert.False(await users.CreateAsync(UserAccount.Create(name.ToUpperInvariant(), "second", DateTime.UtcNow), default));
        Assert.Equal("first", (await users.FindAsync(name, default))?.PasswordHash);
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_name_create_exactly_one_account()
    {
        var users = await CreateStoreAsync();
        var name = NewUser();

        var created = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => users.CreateAsync(UserAccount.Create(name, $"hash{i}", DateTime.UtcNow), default))));

        Assert.Single(created, c => c);
    }

    [Fact]
    public async Task Accounts_get_distinct_ids_and_stamps_that_survive_a_read()
    {
        var users = await CreateStoreAsync();
        var (first, second) = (UserAccount.Create(NewUser(), "h", DateTime.UtcNow), UserAccount.Create(NewUser(), "h", DateTime.UtcNow));
        await users.CreateAsync(first, default);
        await users.CreateAsync(second, default);

        var (readFirst, readSecond) = (await users.FindAsync(first.UserName, default), await users.FindAsync(second.UserName, default));

        Assert.Equal((first.Id, first.SecurityStamp), (readFirst?.Id, readFirst?.SecurityStamp));
        Assert.Equal((second.Id, second.SecurityStamp), (readSecond?.Id, readSecond?.SecurityStamp));
        Assert.NotEqual(first.Id, second.Id);
        Assert.NotEqual(first.SecurityStamp, second.SecurityStamp);
    }
}
