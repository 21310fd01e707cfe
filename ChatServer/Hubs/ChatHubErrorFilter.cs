using ChatServer.Chat;
using ChatServer.Redis;
using Microsoft.AspNetCore.SignalR;

namespace ChatServer.Hubs;

/// <summary>
/// Turns a <see cref="ChatException"/> into a <see cref="HubException"/>, whose message reaches the caller, and an
/// unreachable Redis into a clear "unavailable" one. Any other failure is logged and reaches the caller as SignalR's generic error; the connection stays open.
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
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // Redis (or an instance holding a connection) is unreachable: say so, rather than a generic error.
            HubLog.CallFailed(logger, exception, invocationContext.HubMethodName, invocationContext.Context.ConnectionId, invocationContext.Context.UserIdentifier);
            throw new HubException("Chat is temporarily unavailable; try again shortly");
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
