using System.Net.Http.Json;
using ChatServer.Client;
using ChatServer.Contracts;

namespace ChatServer.LoadTest.Clients;

/// <summary>
/// The run's users and their sessions. Every register and login costs the server a password hash (about 100 ms of
/// CPU), so with a provisioning key they come in bulk from <c>POST /api/provisioning/sessions</c>, which hashes once
/// per request; otherwise each user registers (if new) and logs in, a bounded number at a time, since an unbounded
/// burst would measure hashing instead of chat.
/// </summary>
internal static class UserProvisioner
{
    public const string Password = "load-test-password";

    /// <summary>The server's own cap on names per provisioning request (Chat:Provisioning:MaxUsersPerRequest's default).</summary>
    private const int ProvisioningBatch = 1000;

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
    public static Task<UserSession?[]> LoginAllAsync(LoadTestOptions options, HttpClient http, RunMetrics metrics, CancellationToken cancellationToken) =>
        options.ProvisionKey is { } key
            ? ProvisionAllAsync(options, key, http, metrics, cancellationToken)
            : RegisterAndLoginAllAsync(options, http, metrics, cancellationToken);

    private static async Task<UserSession?[]> RegisterAndLoginAllAsync(LoadTestOptions options, HttpClient http, RunMetrics metrics, CancellationToken cancellationToken)
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
                catch (Exception ex) when (IsLoginFailure(ex, ct))
                {
                    // Counted; the clients of this user then count as failed connections.
                    metrics.ConnectErrors.Record("login: " + Metrics.ErrorCounter.Classify(ex));
                }
            });
        return sessions;
    }

    private static async Task<UserSession?[]> ProvisionAllAsync(LoadTestOptions options, string key, HttpClient http, RunMetrics metrics, CancellationToken cancellationToken)
    {
        var sessions = new UserSession?[options.EffectiveUsers];
        var api = new ChatApiClient(http);
        foreach (var batch in Enumerable.Range(0, sessions.Length).Chunk(ProvisioningBatch))
        {
            try
            {
                var logins = await ProvisionAsync(http, key, [.. batch.Select(options.UserName)], cancellationToken);
                for (var i = 0; i < batch.Length; i++)
                {
                    sessions[batch[i]] = new UserSession(api, logins[i]);
                }
            }
            catch (Exception ex) when (IsLoginFailure(ex, cancellationToken))
            {
                metrics.ConnectErrors.Record("provision: " + Metrics.ErrorCounter.Classify(ex), batch.Length);
            }
        }

        return sessions;
    }

    private static async Task<LoginResponse[]> ProvisionAsync(HttpClient http, string key, string[] userNames, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/provisioning/sessions")
        {
            Content = JsonContent.Create(new { userNames, password = Password }),
        };
        request.Headers.Add("X-Provisioning-Key", key);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new ChatApiException(response.StatusCode, $"provisioning answered {(int)response.StatusCode}: {body}");
        }

        var logins = await response.Content.ReadFromJsonAsync<LoginResponse[]>(cancellationToken);
        return logins is { } list && list.Length == userNames.Length
            ? list
            : throw new InvalidDataException($"provisioning returned {logins?.Length ?? 0} sessions for {userNames.Length} users");
    }

    private static bool IsLoginFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is ChatApiException or HttpRequestException or InvalidDataException or TaskCanceledException && !cancellationToken.IsCancellationRequested;
}
