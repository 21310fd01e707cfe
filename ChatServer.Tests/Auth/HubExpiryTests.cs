using System.Diagnostics;
using ChatServer.Client;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Auth;

/// <summary>A hub connection ends when its access token expires, and connects again with a refreshed one.</summary>
public sealed class HubExpiryTests
{
    [Fact]
    public async Task A_connection_is_closed_when_its_token_expires_and_a_fresh_token_connects_again()
    {
        await using var app = new AuthTestHost(new Dictionary<string, string?>
        {
            ["Chat:Auth:TokenLifetimeSeconds"] = "3",
            ["Chat:Auth:ClockSkewSeconds"] = "0",
        });
        var login = await app.Sessions.SignUpAsync(SessionClient.NewName());
        var token = login.AccessToken;
        var expires = DateTimeOffset.FromUnixTimeSeconds(JwtText.Decode(token).Payload.GetProperty("exp").GetInt64());
        await using var hub = app.CreateHubConnection(() => token);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += error => closed.TrySetResult(error);

        await hub.StartAsync();
        await hub.GetServerInfoAsync();
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(15));

        // Closed because the token ran out, not for anything that happened at connect time.
        Assert.True(DateTimeOffset.UtcNow >= expires, $"closed at {DateTimeOffset.UtcNow:O}, before the token's expiry {expires:O}");
        token = (await app.Sessions.RefreshAsync(login.RefreshToken)).AccessToken;
        await hub.StartAsync();
        Assert.Equal("auth-test", (await hub.GetServerInfoAsync()).InstanceId);
    }
}
