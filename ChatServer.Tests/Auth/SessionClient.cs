using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChatServer.Api;

namespace ChatServer.Tests.Auth;

/// <summary>The auth endpoints over HTTP, answering with the server's own response type (it has the refresh token).</summary>
internal sealed class SessionClient(HttpClient http)
{
    public const string Password = "correct-horse-battery";

    public static string NewName(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public async Task<LoginResponse> SignUpAsync(string userName)
    {
        using var registered = await http.PostAsJsonAsync("/api/auth/register", new { userName, password = Password });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return await LoginAsync(userName);
    }

    public async Task<LoginResponse> LoginAsync(string userName)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/login", new { userName, password = Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<LoginResponse>())!;
    }

    public Task<HttpResponseMessage> PostRefreshAsync(string? refreshToken) =>
        http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

    /// <summary>A refresh that must work.</summary>
    public async Task<LoginResponse> RefreshAsync(string refreshToken)
    {
        using var response = await PostRefreshAsync(refreshToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<LoginResponse>())!;
    }

    public async Task<HttpStatusCode> RefreshStatusAsync(string refreshToken)
    {
        using var response = await PostRefreshAsync(refreshToken);
        return response.StatusCode;
    }

    public async Task<HttpStatusCode> LogoutAsync(string? accessToken, string? refreshToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout") { Content = JsonContent.Create(new { refreshToken }) };
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>What <c>GET /api/rooms</c> answers with this access token: 200 when the token is accepted.</summary>
    public async Task<HttpStatusCode> RoomsStatusAsync(string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/rooms");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
