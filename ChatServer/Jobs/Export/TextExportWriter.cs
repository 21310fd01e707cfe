using System.Text;

namespace ChatServer.Jobs.Export;

/// <summary>The text formats' base: a UTF-8 writer (no byte-order mark) over the result, flushed asynchronously.</summary>
public abstract class TextExportWriter(Stream destination) : ExportWriter
{
    private const int FlushThresholdChars = 64 * 1024;
    private int _unflushed;

    protected StreamWriter Text { get; } = new(destination, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);

    protected async Task WriteTextAsync(string text, CancellationToken cancellationToken)
    {
        await Text.WriteAsync(text.AsMemory(), cancellationToken);
        _unflushed += text.Length;
        if (_unflushed >= FlushThresholdChars)
        {
            await Text.FlushAsync(cancellationToken);
            _unflushed = 0;
        }
    }

    public override async Task EndAsync(CancellationToken cancellationToken)
    {
        await WriteEndAsync(cancellationToken);
        await Text.FlushAsync(cancellationToken);
    }

    protected abstract Task WriteEndAsync(CancellationToken cancellationToken);

    protected override ValueTask DisposeCoreAsync() => Text.DisposeAsync();
}
