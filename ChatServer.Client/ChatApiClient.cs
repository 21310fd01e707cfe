using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChatServer.Contracts;

namespace ChatServer.Client;

/// <summary>The HTTP half of the contract: accounts, rooms, history and server info.</summary>
/// <param name="http">A client whose <see cref="HttpClient.BaseAddress"/> is the server's (or nginx's) root.</param>
public sealed class ChatApiClient(HttpClient http)
{
    /// <summary>Registers an account; <see cref="ChatApiException"/> with 409 when the name is taken, 400 when invalid.</summary>
    public async Task RegisterAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/auth/register", new Credentials(userName, password), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>Logs in; <see cref="ChatApiException"/> with 401 for a wrong name or password.</summary>
    public async Task<LoginResponse> LoginAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/auth/login", new Credentials(userName, password), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await ReadAsync<LoginResponse>(response, cancellationToken);
    }

    /// <summary>Registers the user unless the name is taken, then logs in: what a test or load run wants.</summary>
    public async Task<LoginResponse> RegisterOrLoginAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        using (var response = await http.PostAsJsonAsync("api/auth/register", new Credentials(userName, password), cancellationToken))
        {
            if (response.StatusCode != HttpStatusCode.Conflict)
            {
                await EnsureSuccessAsync(response, cancellationToken);
            }
        }

        return await LoginAsync(userName, password, cancellationToken);
    }

    /// <summary>
    /// Trades a refresh token for a new access token and a new refresh token; the old refresh token stops working.
    /// <see cref="ChatApiException"/> with 401 when it is unknown, expired, already used or logged out.
    /// </summary>
    public async Task<LoginResponse> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/auth/refresh", new RefreshTokenRequest(refreshToken), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await ReadAsync<LoginResponse>(response, cancellationToken);
    }

    /// <summary>Ends the session: <paramref name="refreshToken"/> (and every token rotated from the same login) stops working.</summary>
    public async Task LogoutAsync(string accessToken, string refreshToken, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/logout") { Content = JsonContent.Create(new RefreshTokenRequest(refreshToken)) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>The rooms with members or history (<c>GET /api/rooms</c>).</summary>
    public Task<IReadOnlyList<RoomInfo>> GetRoomsAsync(string accessToken, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<RoomInfo>>("api/rooms", accessToken, cancellationToken);

    /// <summary>A page of <paramref name="room"/>'s history before <paramref name="before"/> (null: the latest), oldest first.</summary>
    public Task<HistoryPage> GetMessagesAsync(string accessToken, string room, string? before = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (before is not null)
        {
            query.Add("before=" + Uri.EscapeDataString(before));
        }

        if (limit is not null)
        {
            query.Add("limit=" + limit.Value);
        }

        var path = $"api/rooms/{Uri.EscapeDataString(room)}/messages" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
        return GetAsync<HistoryPage>(path, accessToken, cancellationToken);
    }

    /// <summary>
    /// Queues an export of <paramref name="room"/> (<c>json</c>, <c>csv</c> or <c>html</c>); <see cref="ChatApiException"/>
    /// with 429 when the caller already has the most active jobs allowed (see <see cref="ChatApiException.RetryAfter"/>).
    /// </summary>
    public async Task<JobAccepted> StartRoomExportAsync(string accessToken, string room, string format, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/rooms/{Uri.EscapeDataString(room)}/exports") { Content = JsonContent.Create(new ExportRequest(format)) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await ReadAsync<JobAccepted>(response, cancellationToken);
    }

    /// <summary>A job's status; <see cref="ChatApiException"/> with 404 for a job that is not the caller's (or does not exist).</summary>
    public Task<JobStatus> GetJobAsync(string accessToken, string jobId, CancellationToken cancellationToken = default) =>
        GetAsync<JobStatus>($"api/jobs/{Uri.EscapeDataString(jobId)}", accessToken, cancellationToken);

    /// <summary>Cancels a job of the caller's.</summary>
    public async Task CancelJobAsync(string accessToken, string jobId, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"api/jobs/{Uri.EscapeDataString(jobId)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>Copies a succeeded job's result into <paramref name="destination"/> as it arrives.</summary>
    public async Task DownloadJobResultAsync(string accessToken, string jobId, Stream destination, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/jobs/{Uri.EscapeDataString(jobId)}/result");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await body.CopyToAsync(destination, cancellationToken);
    }

    /// <summary>
    /// Exports <paramref name="room"/> and downloads the file into <paramref name="destination"/>: queues the job, follows
    /// it (every <paramref name="pollInterval"/>, default 250 ms), reports each new status to <paramref name="progress"/>,
    /// and returns the final one. A failed or cancelled job throws <see cref="ChatApiException"/> with its error;
    /// cancelling <paramref name="cancellationToken"/> cancels the job on the server too.
    /// </summary>
    public async Task<JobStatus> ExportRoomAsync(
        string accessToken, string room, string format, Stream destination, IProgress<JobStatus>? progress = null,
        TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        var accepted = await StartRoomExportAsync(accessToken, room, format, cancellationToken);
        JobStatus? last = null;
        try
        {
            while (true)
            {
                var status = await GetJobAsync(accessToken, accepted.JobId, cancellationToken);
                if (status != last)
                {
                    progress?.Report(status);
                    last = status;
                }

                if (status.Status == JobStates.Succeeded)
                {
                    await DownloadJobResultAsync(accessToken, accepted.JobId, destination, cancellationToken);
                    return status;
                }

                if (status.IsFinished)
                {
                    throw new ChatApiException(HttpStatusCode.OK, $"The export {status.Status}: {status.Error}");
                }

                await Task.Delay(pollInterval ?? TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CancelJobAsync(accessToken, accepted.JobId, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Which instance answered, and its mode (for a signed-in caller).</summary>
    public Task<ServerInfo> GetServerInfoAsync(string accessToken, CancellationToken cancellationToken = default) =>
        GetAsync<ServerInfo>("api/server", accessToken, cancellationToken);

    private async Task<T> GetAsync<T>(string path, string? accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<T>(cancellationToken)
        ?? throw new ChatApiException(response.StatusCode, "The server returned an empty body.");

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new ChatApiException(response.StatusCode, $"{(int)response.StatusCode} {response.ReasonPhrase} from {response.RequestMessage?.RequestUri}: {body}")
            {
                RetryAfter = response.Headers.RetryAfter?.Delta,
            };
        }
    }
}
