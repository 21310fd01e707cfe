using ChatServer.Chat;
using Microsoft.AspNetCore.SignalR;

namespace ChatServer.Hubs;

/// <summary>
/// Turns a <see cref="ChatException"/> (among them the stores' "unavailable" when Redis is unreachable) into a
/// <see cref="HubException"/>, whose message reaches the caller. Any other failure is logged and reaches the caller as SignalR's generic error; the connection stays open.
/// </summary>
public sealed class ChatHubErrorFilter(ILogger<ChatHubErrorFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (ChatException exception)
        {
            HubLog.CallRejected(logger, invocationContext.HubMethodName, invocationContext.Context.ConnectionId, invocationContext.Context.UserIdentifier, exception.Message);
            throw new HubException(exception.Message);
        }
        catch (OperationCanceledException) when (invocationContext.Context.ConnectionAborted.IsCancellationRequested)
        {
            throw new HubException("The connection closed before the call finished");
        }
        catch (Exception exception) when (exception is not HubException)
        {
            HubLog.CallFailed(logger, exception, invocationContext.HubMethodName, invocationContext.Context.ConnectionId, invocationContext.Context.UserIdentifier);
            throw;
        }
    }
}
