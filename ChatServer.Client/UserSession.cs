using System.Net;
using ChatServer.Contracts;

namespace ChatServer.Client;

/// <summary>
/// A signed-in user's tokens, kept fresh: <see cref="GetAccessTokenAsync"/> renews the short-lived access token with
/// the refresh token once three quarters of its lifetime have passed, so a long-running client never presents an
/// expired one. Pass it as <see cref="ChatClientOptions.AccessTokenProvider"/>: the hub closes a connection when its
/// token expires, and the client's automatic reconnect comes back with the renewed one and resumes its rooms.
/// </summary>
/// <example>
/// <code>
/// var session = new UserSession(api, await api.LoginAsync("ada", password));
/// await using var chat = new ChatClient(new ChatClientOptions { ServerUri = uri, AccessTokenProvider = session.GetAccessTokenAsync });
/// </code>
/// </example>
public sealed class UserSession : IDisposable
{
    private readonly ChatApiClient _api;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _renewing = new(1, 1);
    private Current _current;

    /// <param name="api">The HTTP API the tokens came from.</param>
    /// <param name="login">What login (or a refresh) returned.</param>
    /// <param name="timeProvider">The clock; the system's by default.</param>
    public UserSession(ChatApiClient api, LoginResponse login, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(login);
        _api = api;
        _time = timeProvider ?? TimeProvider.System;
        _current = Accept(login);
    }

    /// <summary>The server refused to renew (the session was logged out, expired or its token reused): sign in again.</summary>
    public event Action<ChatApiException>? Ended;

    /// <summary>The user name as registered.</summary>
    public string UserName => Volatile.Read(ref _current).Tokens.UserName;

    /// <summary>The current access token, renewed first when it is due.</summary>
    public async Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        if (_time.GetUtcNow() >= Volatile.Read(ref _current).RenewAt)
        {
            await RenewAsync(force: false, cancellationToken);
        }

        return Volatile.Read(ref _current).Tokens.AccessToken;
    }

    /// <summary>Renews now, whatever the time (e.g. after a 401).</summary>
    public Task RenewAsync(CancellationToken cancellationToken = default) => RenewAsync(force: true, cancellationToken);

    /// <summary>Ends the session on the server; its tokens stop working.</summary>
    public async Task LogoutAsync(CancellationToken cancellationToken = default)
    {
        // Logout needs a valid access token: renewed first when it is due.
        var accessToken = await GetAccessTokenAsync(cancellationToken);
        await _api.LogoutAsync(accessToken!, Volatile.Read(ref _current).Tokens.RefreshToken, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _renewing.Dispose();

    private async Task RenewAsync(bool force, CancellationToken cancellationToken)
    {
        // One renewal at a time: a refresh token works once, so two concurrent refreshes would end the session.
        await _renewing.WaitAsync(cancellationToken);
        try
        {
            if (!force && _time.GetUtcNow() < _current.RenewAt)
            {
                return;
            }

            try
            {
                Volatile.Write(ref _current, Accept(await _api.RefreshAsync(_current.Tokens.RefreshToken, cancellationToken)));
            }
            catch (ChatApiException refused) when (refused.StatusCode == HttpStatusCode.Unauthorized)
            {
                Ended?.Invoke(refused);
                throw;
            }
        }
        finally
        {
            _renewing.Release();
        }
    }

    private Current Accept(LoginResponse tokens) => new(tokens, _time.GetUtcNow() + TimeSpan.FromSeconds(tokens.ExpiresIn * 0.75));

    /// <summary>The tokens and when to renew them, swapped as one.</summary>
    private sealed record Current(LoginResponse Tokens, DateTimeOffset RenewAt);
}
