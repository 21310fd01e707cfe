namespace ChatServer.Client;

/// <summary>The SignalR hub protocol a <see cref="ChatClient"/> speaks; the server accepts both on one hub.</summary>
public enum ChatProtocol
{
    /// <summary>SignalR's JSON protocol (text; every transport).</summary>
    Json,

    /// <summary>SignalR's MessagePack protocol (binary; WebSockets and long polling, not Server-Sent Events).</summary>
    MessagePack,
}
