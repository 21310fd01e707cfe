using System.Net;
using ChatServer.Auth;
using ChatServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatServer.Tests.Auth;

/// <summary>
/// Signing keys rotate after <c>Chat:Auth:KeyRotationDays</c>; tokens signed with the old key keep working on every
/// instance until they expire, and the old key is retired after its grace period. The instances share a clock the
/// test moves (they read time only through <see cref="TimeProvider"/>).
/// </summary>
public sealed class KeyRotationTests
{
    [Fact]
    public async Task A_rotated_key_signs_new_tokens_everywhere_while_the_old_ones_work_until_they_expire()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var settings = new Dictionary<string, string?> { ["Chat:Auth:KeyRotationDays"] = "30", ["Chat:Auth:KeyRingRefreshSeconds"] = "3600" };
        await using var cluster = await AuthCluster.StartAsync(2, settings, clock);
        var name = SessionClient.NewName("rotating");
        var firstKey = KeyIdOf((await cluster[0].Sessions.SignUpAsync(name)).AccessToken);

        clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        var beforeRotation = await cluster[0].Sessions.LoginAsync(name);
        clock.Advance(TimeSpan.FromMinutes(2));
        var afterRotation = await cluster[1].Sessions.LoginAsync(name);

        Assert.Equal(firstKey, KeyIdOf(beforeRotation.AccessToken));
        var newKey = KeyIdOf(afterRotation.AccessToken);
        Assert.NotEqual(firstKey, newKey);
        foreach (var instance in cluster.Running)
        {
            Assert.Equal(HttpStatusCode.OK, await instance.Sessions.RoomsStatusAsync(beforeRotation.AccessToken));
            Assert.Equal(HttpStatusCode.OK, await instance.Sessions.RoomsStatusAsync(afterRotation.AccessToken));
        }

        Assert.Equal(newKey, KeyIdOf((await cluster[0].Sessions.LoginAsync(name)).AccessToken));

        // Past the grace period (token lifetime + clock skew + a minute) the old key is gone from Redis and every ring.
        clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(30) + TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        foreach (var instance in cluster.Running)
        {
            var ring = await instance.Services.GetRequiredService<SigningKeyRingProvider>().RefreshAsync(default);
            Assert.Null(ring.Find(firstKey));
            Assert.Equal(newKey, ring.Current!.Id);
        }

        Assert.Equal(":1", await cluster.Redis.SendRawAsync($"HLEN {cluster.SigningKeysKey}"));
        Assert.Equal(HttpStatusCode.Unauthorized, await cluster[1].Sessions.RoomsStatusAsync(beforeRotation.AccessToken));
    }

    private static string KeyIdOf(string accessToken) => JwtText.Decode(accessToken).Header.GetProperty("kid").GetString()!;
}
