using System.Net;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Integration;

/// <summary>Every response carries the security headers; the server does not name itself.</summary>
public sealed class SecurityHeadersTests
{
    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/app.js", HttpStatusCode.OK)]
    [InlineData("/api/rooms", HttpStatusCode.Unauthorized)]
    [InlineData("/api/rooms/general/messages?limit=0", HttpStatusCode.Unauthorized)]
    [InlineData("/health/ready", HttpStatusCode.OK)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    public async Task Pages_api_answers_and_errors_carry_the_security_headers(string path, HttpStatusCode status)
    {
        await using var app = new ChatApplication();
        using var http = app.CreateClient();

        using var response = await http.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Only_the_api_reference_may_run_its_inline_configuration()
    {
        await using var app = new ChatApplication();
        using var http = app.CreateClient();

        using var response = await http.GetAsync("/api/docs/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kestrel_does_not_name_itself()
    {
        await using var server = await ChatServerProcess.StartAsync(new Dictionary<string, string>());
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await http.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), $"Server: {string.Join(",", response.Headers.TryGetValues("Server", out var v) ? v : [])}");
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }
}
