using System.Net;
using ChatServer.Auth;
using ChatServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatServer.Tests.Auth;

/// <summary>
/// Instances sharing one Redis agree on the signing keys under every failure order: Redis flushed or restarted empty
/// while they run, instances started and restarted in any order. Each test has a redis-server of its own.
/// </summary>
public sealed class KeyAgreementTests
{
    private static readonly TimeSpan WithinSeconds = TimeSpan.FromSeconds(10);

    // Without the periodic refresh, only what a request does can repair the ring: the hard case.
    private static readonly Dictionary<string, string?> NoPeriodicRefresh = new() { ["Chat:Auth:KeyRingRefreshSeconds"] = "3600" };

    [Fact]
    public async Task After_a_flush_while_two_instances_run_and_a_third_starts_every_instance_accepts_every_new_token()
    {
        await using var cluster = await AuthCluster.StartAsync(2, NoPeriodicRefresh);
        var before = await cluster[0].Sessions.SignUpAsync(SessionClient.NewName("before"));
        await cluster[1].Sessions.LoginAsync(before.UserName);
        var oldKey = KeyIdOf(before.AccessToken);

        await cluster.FlushAllAsync();
        cluster.Add();   // finds an empty ring and makes a key of its own

        var tokens = await SignUpOnEachAsync(cluster);
        await AssertEveryInstanceAcceptsAsync(cluster, tokens);
        // The survivors wrote their key back rather than losing it: it is in Redis next to the newcomer's, and validates.
        Assert.Equal(":1", await cluster.Redis.SendRawAsync($"HEXISTS {cluster.SigningKeysKey} {oldKey}"));
        Assert.Equal(":2", await cluster.Redis.SendRawAsync($"HLEN {cluster.SigningKeysKey}"));
        Assert.NotNull(cluster[0].Services.GetRequiredService<SigningKeyRingProvider>().Ring.Find(oldKey));
    }

    [Fact]
    public async Task After_a_flush_the_running_instances_write_the_ring_back_and_a_new_instance_adopts_it_instead_of_making_a_key()
    {
        await using var cluster = await AuthCluster.StartAsync(2, new Dictionary<string, string?> { ["Chat:Auth:KeyRingRefreshSeconds"] = "1" });
        var before = await cluster[0].Sessions.SignUpAsync(SessionClient.NewName("before"));

        await cluster.FlushAllAsync();
        await Eventually.TrueAsync(async () => await cluster.Redis.SendRawAsync($"HLEN {cluster.SigningKeysKey}") == ":1", WithinSeconds, "the ring written back");
        var newcomer = cluster.Add();

        var after = await newcomer.Sessions.SignUpAsync(SessionClient.NewName("after"));
        Assert.Equal(KeyIdOf(before.AccessToken), KeyIdOf(after.AccessToken));
        await AssertEveryInstanceAcceptsAsync(cluster, [after.AccessToken]);
    }

    [Theory]
    [InlineData("flush, restart 0")]
    [InlineData("restart 0, flush, restart 1")]
    [InlineData("flush, restart 1, restart 0")]
    [InlineData("redis restarts empty, restart 0")]
    [InlineData("redis restarts empty")]
    [InlineData("restart 1, restart 0")]
    public async Task Instances_restarted_in_any_order_around_a_lost_ring_agree(string steps)
    {
        await using var cluster = await AuthCluster.StartAsync(2, NoPeriodicRefresh);
        var name = SessionClient.NewName("early");
        var early = await cluster[0].Sessions.SignUpAsync(name);
        await cluster[1].Sessions.LoginAsync(name);
        var lost = false;

        foreach (var step in steps.Split(", "))
        {
            switch (step)
            {
                case "flush":
                    await cluster.FlushAllAsync();
                    lost = true;
                    break;
                case "redis restarts empty":
                    await cluster.Redis.RestartAsync();
                    lost = true;
                    break;
                default:
                    await cluster.RestartAsync(int.Parse(step["restart ".Length..], System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }
        }

        var tokens = await SignUpOnEachAsync(cluster);
        if (!lost)
        {
            // Nothing was lost: a token from before both restarts still works everywhere.
            tokens = [.. tokens, early.AccessToken];
        }

        await AssertEveryInstanceAcceptsAsync(cluster, tokens);
    }

    [Fact]
    public async Task A_session_refreshes_on_another_instance_and_a_replay_on_the_first_revokes_it_everywhere()
    {
        await using var cluster = await AuthCluster.StartAsync(2);
        var login = await cluster[0].Sessions.SignUpAsync(SessionClient.NewName());

        var refreshed = await cluster[1].Sessions.RefreshAsync(login.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, await cluster[0].Sessions.RoomsStatusAsync(refreshed.AccessToken));

        Assert.Equal(HttpStatusCode.Unauthorized, await cluster[0].Sessions.RefreshStatusAsync(login.RefreshToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await cluster[1].Sessions.RefreshStatusAsync(refreshed.RefreshToken));
    }

    [Fact]
    public async Task Tokens_of_an_account_registered_again_under_its_name_stop_working_and_the_new_accounts_work_at_once()
    {
        await using var cluster = await AuthCluster.StartAsync(2);
        var name = SessionClient.NewName("again");
        var old = await cluster[0].Sessions.SignUpAsync(name);
        Assert.Equal(HttpStatusCode.OK, await cluster[1].Sessions.RoomsStatusAsync(old.AccessToken));   // now cached on both

        // What Redis losing its data and someone registering the name again does to the account.
        await cluster.Redis.SendRawAsync($"DEL {cluster.SigningKeysKey[..^"auth:signing-keys".Length]}user:{name.ToLowerInvariant()}");
        var again = await cluster[1].Sessions.SignUpAsync(name);

        Assert.Equal(HttpStatusCode.OK, await cluster[0].Sessions.RoomsStatusAsync(again.AccessToken));
        Assert.Equal(HttpStatusCode.OK, await cluster[1].Sessions.RoomsStatusAsync(again.AccessToken));
        foreach (var instance in cluster.Running)
        {
            await Eventually.TrueAsync(async () => await instance.Sessions.RoomsStatusAsync(old.AccessToken) == HttpStatusCode.Unauthorized,
                AccountVerifier.FreshFor + WithinSeconds, "the old account's token refused");
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await cluster[1].Sessions.RefreshStatusAsync(old.RefreshToken));
        Assert.Equal(name, (await cluster[0].Sessions.RefreshAsync(again.RefreshToken)).UserName);
    }

    /// <summary>
    /// A new user on each instance, the most recently started first, each token checked on every instance before the
    /// next instance issues anything: an instance that has not refreshed its ring since must learn the key on its own.
    /// </summary>
    private static async Task<List<string>> SignUpOnEachAsync(AuthCluster cluster)
    {
        var tokens = new List<string>();
        foreach (var instance in cluster.Running.Reverse())
        {
            tokens.Add((await instance.Sessions.SignUpAsync(SessionClient.NewName("after"))).AccessToken);
            await AssertEveryInstanceAcceptsAsync(cluster, tokens);
        }

        return tokens;
    }

    private static async Task AssertEveryInstanceAcceptsAsync(AuthCluster cluster, List<string> tokens)
    {
        var instances = cluster.Running.ToList();
        await Eventually.TrueAsync(
            async () =>
            {
                foreach (var instance in instances)
                {
                    foreach (var token in tokens)
                    {
                        if (await instance.Sessions.RoomsStatusAsync(token) != HttpStatusCode.OK) return false;
                    }
                }

                return true;
            },
            WithinSeconds,
            $"{instances.Count} instances accepting {tokens.Count} tokens");
    }

    private static string KeyIdOf(string accessToken) => JwtText.Decode(accessToken).Header.GetProperty("kid").GetString()!;
}
