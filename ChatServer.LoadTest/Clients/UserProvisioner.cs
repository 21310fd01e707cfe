using ChatServer.Client;

namespace ChatServer.LoadTest.Clients;

/// <summary>
/// Registers and logs in the run's own users through the HTTP API, a bounded number at a time: every register and
/// login costs the server a password hash, and an unbounded burst would measure that instead of chat.
/// </summary>
internal static class UserProvisioner
{
    public const string Password = "load-test-password";

    /// <returns>One access token per user index; null where the user could not log in.</returns>
    public static async Task<string?[]> LoginAllAsync(LoadTestOptions options, RunMetrics metrics, CancellationToken cancellationToken)
    {
        var tokens = new string?[options.EffectiveUsers];
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.LoginConcurrency })
        {
            BaseAddress = options.Url,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var api = new ChatApiClient(http);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, tokens.Length),
            new ParallelOptions { MaxDegreeOfParallelism = options.LoginConcurrency, CancellationToken = cancellationToken },
            async (index, ct) =>
            {
                try
                {
                    var login = await api.RegisterOrLoginAsync(options.UserName(index), Password, ct);
                    tokens[index] = login.AccessToken;
                }
                catch (Exception ex) when (ex is ChatApiException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    // Counted; the clients of this user then count as failed connections.
                    metrics.ConnectErrors.Record("login: " + Metrics.ErrorCounter.Classify(ex));
                }
            });
        return tokens;
    }
}
