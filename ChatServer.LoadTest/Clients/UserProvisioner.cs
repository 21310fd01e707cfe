using ChatServer.Client;

namespace ChatServer.LoadTest.Clients;

/// <summary>
/// Registers and logs in the run's own users through the HTTP API, a bounded number at a time: every register and
/// login costs the server a password hash, and an unbounded burst would measure that instead of chat.
/// </summary>
internal static class UserProvisioner
{
    public const string Password = "load-test-password";

    /// <summary>The HTTP client for logins and the sessions' renewals; it lives as long as the run.</summary>
    public static HttpClient CreateHttpClient(LoadTestOptions options) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = options.LoginConcurrency })
        {
            BaseAddress = options.Url,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <returns>
    /// One session per user index (null where the user could not log in); each renews its access token before it
    /// expires, so a run longer than the token lifetime reconnects with a fresh one when the hub closes the old.
    /// </returns>
    public static async Task<UserSession?[]> LoginAllAsync(LoadTestOptions options, HttpClient http, RunMetrics metrics, CancellationToken cancellationToken)
    {
        var sessions = new UserSession?[options.EffectiveUsers];
        var api = new ChatApiClient(http);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, sessions.Length),
            new ParallelOptions { MaxDegreeOfParallelism = options.LoginConcurrency, CancellationToken = cancellationToken },
            async (index, ct) =>
            {
                try
                {
                    var login = await api.RegisterOrLoginAsync(options.UserName(index), Password, ct);
                    sessions[index] = new UserSession(api, login);
                }
                catch (Exception ex) when (ex is ChatApiException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    // Counted; the clients of this user then count as failed connections.
                    metrics.ConnectErrors.Record("login: " + Metrics.ErrorCounter.Classify(ex));
                }
            });
        return sessions;
    }
}
