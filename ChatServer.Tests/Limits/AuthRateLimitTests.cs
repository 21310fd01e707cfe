using System.Net;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Limits;

/// <summary>Register and login are limited per client address and failed logins back off per account, across instances.</summary>
[Collection(RedisServerCollection.Name)]
public sealed class AuthRateLimitTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Repeated_wrong_passwords_get_429_with_Retry_After_and_the_right_one_too_but_not_from_another_address()
    {
        await using var server = new LimitedServer(new Dictionary<string, string?>
        {
            ["Chat:AuthLimits:AccountAddressFailureBurst"] = "3",
            ["Chat:AuthLimits:AccountAddressFailureRefillSeconds"] = "60",
        });
        var (alice, _) = await server.CreateUserAsync("alice", "10.1.0.1");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await server.LoginAsync(alice, "wrong-password", "10.1.0.66")).StatusCode);
        }

        var limited = await server.LoginAsync(alice, ChatApplication.Password, "10.1.0.66");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Contains("retry in", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The guesser locked out only themselves: alice, elsewhere, logs in.
        Assert.Equal(HttpStatusCode.OK, (await server.LoginAsync(alice, ChatApplication.Password, "10.1.0.1")).StatusCode);
    }

    [Fact]
    public async Task Failures_from_many_addresses_slow_the_account_for_everyone_only_by_seconds()
    {
        await using var server = new LimitedServer(new Dictionary<string, string?>
        {
            ["Chat:AuthLimits:AccountFailureBurst"] = "4",
            ["Chat:AuthLimits:AccountFailureRefillSeconds"] = "3",
        });
        var (bob, _) = await server.CreateUserAsync("bob", "10.2.0.1");

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await server.LoginAsync(bob, "wrong-password", $"10.2.1.{i}")).StatusCode);
        }

        var limited = await server.LoginAsync(bob, ChatApplication.Password, "10.2.0.1");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 3);
    }

    [Fact]
    public async Task One_address_gets_a_budget_of_register_and_login_requests_then_429()
    {
        await using var server = new LimitedServer(new Dictionary<string, string?>
        {
            ["Chat:AuthLimits:AddressBurst"] = "3",
            ["Chat:AuthLimits:AddressRefillSeconds"] = "60",
        });

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await server.RegisterAsync($"flood-{Guid.NewGuid():N}"[..20], "10.3.0.1")).StatusCode);
        }

        var limited = await server.RegisterAsync($"flood-{Guid.NewGuid():N}"[..20], "10.3.0.1");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await server.LoginAsync("someone", "whatever-password", "10.3.0.1")).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await server.RegisterAsync($"other-{Guid.NewGuid():N}"[..20], "10.3.0.2")).StatusCode);
    }

    [Fact]
    public async Task A_forwarded_address_from_an_untrusted_peer_is_ignored()
    {
        // Only 10.9.9.9 may forward: the test's requests (from 127.0.0.1) all count as 127.0.0.1, whatever they claim.
        await using var server = new LimitedServer(new Dictionary<string, string?>
        {
            ["Chat:Network:KnownProxies:0"] = "10.9.9.9",
            ["Chat:AuthLimits:AddressBurst"] = "2",
            ["Chat:AuthLimits:AddressRefillSeconds"] = "60",
        });

        Assert.Equal(HttpStatusCode.Created, (await server.RegisterAsync($"spoof-{Guid.NewGuid():N}"[..20], "10.4.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await server.RegisterAsync($"spoof-{Guid.NewGuid():N}"[..20], "10.4.0.2")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await server.RegisterAsync($"spoof-{Guid.NewGuid():N}"[..20], "10.4.0.3")).StatusCode);
    }

    [Fact]
    public async Task In_Redis_mode_two_instances_share_one_address_budget()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redis.Server.ConnectionString,
            ["Chat:Redis:KeyPrefix"] = $"auth-{Guid.NewGuid():N}"[..20],
            ["Chat:AuthLimits:AddressBurst"] = "4",
            ["Chat:AuthLimits:AddressRefillSeconds"] = "60",
        };
        await using var first = new LimitedServer(settings);
        await using var second = new LimitedServer(settings);

        Assert.Equal(HttpStatusCode.Created, (await first.RegisterAsync($"shared-{Guid.NewGuid():N}"[..20], "10.5.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await second.RegisterAsync($"shared-{Guid.NewGuid():N}"[..20], "10.5.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await first.RegisterAsync($"shared-{Guid.NewGuid():N}"[..20], "10.5.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await second.RegisterAsync($"shared-{Guid.NewGuid():N}"[..20], "10.5.0.1")).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.RegisterAsync($"shared-{Guid.NewGuid():N}"[..20], "10.5.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await second.LoginAsync("someone", "whatever-password", "10.5.0.1")).StatusCode);
    }
}
