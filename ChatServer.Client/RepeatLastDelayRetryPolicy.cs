using Microsoft.AspNetCore.SignalR.Client;

namespace ChatServer.Client;

/// <summary>
/// Retries with the given delays, then the last one forever: a chat client should come back whenever the server
/// does, where SignalR's default gives up after four attempts.
/// </summary>
internal sealed class RepeatLastDelayRetryPolicy(IReadOnlyList<TimeSpan> delays) : IRetryPolicy
{
    public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
        delays[(int)Math.Min(retryContext.PreviousRetryCount, delays.Count - 1)];
}
