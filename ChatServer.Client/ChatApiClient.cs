using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace ChatServer.Client;

/// <summary>The HTTP half of the contract: accounts, rooms, history and server info.</summary>
public sealed class ChatApiClient(HttpClient http)
{
    public async Task RegisterAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/auth/register", new { userName, password }, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    public async Task<LoginResponse> LoginAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/auth/login", new { userName, password }, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await ReadAsync<LoginResponse>(response, cancellationToken);
    }

    /// <summary>Registers the user unless the name is taken, then logs in: what a test or load run wants.</summary>
    public async Task<LoginResponse> RegisterOrLoginAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        using (var response = await http.PostAsJsonAsync("api/auth/register", new { userName, password }, cancellationToken))
        {
            if (response.StatusCode != HttpStatusCode.Conflict)
            {
                await EnsureSuccessAsync(response, cancellationToken);
            }
        }

        return await LoginAsync(userName, password, cancellationToken);
    }

    public Task<IReadOnlyList<RoomInfo>> GetRoomsAsync(string accessToken, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<RoomInfo>>("api/rooms", accessToken, cancellationToken);

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

    public Task<ServerInfo> GetServerInfoAsync(CancellationToken cancellationToken = default) =>
        GetAsync<ServerInfo>("api/server", accessToken: null, cancellationToken);

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
            throw new ChatApiException(response.StatusCode, $"{(int)response.StatusCode} {response.ReasonPhrase} from {response.RequestMessage?.RequestUri}: {body}");
        }
    }
}
