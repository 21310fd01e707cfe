namespace ChatServer.Jobs.Export;

/// <summary>Writes one export file message by message, so a room of any size passes through memory one page at a time.</summary>
public abstract class ExportWriter : IAsyncDisposable
{
    public abstract Task StartAsync(CancellationToken cancellationToken);

    public abstract Task WriteAsync(ChatMessage message, CancellationToken cancellationToken);

    /// <summary>Closes the document and writes out everything buffered.</summary>
    public abstract Task EndAsync(CancellationToken cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await DisposeCoreAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract ValueTask DisposeCoreAsync();
}
