using System.Net;

namespace ChatServer.Client;

/// <summary>A non-success HTTP answer from the chat API, with its status and body.</summary>
public sealed class ChatApiException(HttpStatusCode statusCode, string message) : Exception(message)
{
    /// <summary>The HTTP status the server answered with.</summary>
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>How long the server asked to wait before trying again (its <c>Retry-After</c>), when it did.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
