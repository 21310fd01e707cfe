using System.Net;

namespace ChatServer.Client;

/// <summary>A non-success HTTP answer from the chat API, with its status and body.</summary>
public sealed class ChatApiException(HttpStatusCode statusCode, string message) : Exception(message)
{
    /// <summary>The HTTP status the server answered with.</summary>
    public HttpStatusCode StatusCode { get; } = statusCode;
}
