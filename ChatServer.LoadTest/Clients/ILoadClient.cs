using ChatServer.LoadTest.Accounting;

namespace ChatServer.LoadTest.Clients;

/// <summary>One simulated connection, whichever client implementation drives it (<c>--client hub|raw</c>).</summary>
internal interface ILoadClient : IAsyncDisposable
{
    int Index { get; }

    string Room { get; }

    ReceiverLog Receiver { get; }

    /// <summary>The instance holding the connection (GetServerInfo); null until joined.</summary>
    string? InstanceId { get; }

    bool IsConnected { get; }

    /// <summary>Connects, joins the room and asks which instance holds the connection.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Sends one message and records its ack; a failure is counted by kind, never thrown.</summary>
    Task SendAsync(CancellationToken cancellationToken);
}
