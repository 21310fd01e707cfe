using System.Diagnostics;
using ChatServer.Metrics;
using Microsoft.AspNetCore.SignalR;

namespace ChatServer.Hubs;

/// <summary>
/// Times <c>SendMessage</c> from the hub call arriving to its result leaving (<c>chat_send_duration_seconds</c>, by
/// outcome): the latency a sender waits for the acknowledgement, as the server sees it. Other methods pass untimed.
/// </summary>
public sealed class SendDurationFilter(ChatMetrics metrics) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocationContext.HubMethodName != nameof(ChatHub.SendMessage)) return await next(invocationContext);

        var started = Stopwatch.GetTimestamp();
        var succeeded = false;
        try
        {
            var result = await next(invocationContext);
            succeeded = true;
            return result;
        }
        finally
        {
            metrics.SendCompleted(Stopwatch.GetElapsedTime(started), succeeded);
        }
    }
}
