namespace ChatServer.Jobs;

/// <summary>
/// The write-only stream a handler writes its result to: it hands the store chunks of <see cref="ChunkBytes"/>, so a
/// result of any size passes through memory one chunk at a time, and it fails the attempt past the size cap.
/// </summary>
internal sealed class JobResultStream(IJobResultStore store, string jobId, int attempt, long maxBytes) : Stream
{
    /// <summary>Big enough for few round trips, small enough that a Redis list element stays cheap to move.</summary>
    public const int ChunkBytes = 256 * 1024;

    private readonly MemoryStream _buffer = new(ChunkBytes);
    private long _length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _length += buffer.Length;
        if (_length > maxBytes)
        {
            throw new JobFailedException($"The result is larger than the limit of {maxBytes} bytes (Jobs:MaxResultBytes)");
        }

        while (buffer.Length > 0)
        {
            var take = (int)Math.Min(buffer.Length, ChunkBytes - _buffer.Length);
            _buffer.Write(buffer.Span[..take]);
            buffer = buffer[take..];
            if (_buffer.Length == ChunkBytes)
            {
                await FlushAsync(cancellationToken);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_buffer.Length > 0)
        {
            await store.AppendAsync(jobId, attempt, _buffer.GetBuffer().AsMemory(0, (int)_buffer.Length), cancellationToken);
            _buffer.SetLength(0);
        }
    }

    // Synchronous writes would block a thread on Redis; every writer here is async (Utf8JsonWriter, StreamWriter's
    // async methods), and anything else is a bug to find at once.
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Write the result asynchronously.");

    // Writers flush synchronously when disposed (Utf8JsonWriter); the last partial chunk is stored by the runner's
    // FlushAsync before it commits, so a synchronous flush has nothing to do.
    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _buffer.Dispose();
        base.Dispose(disposing);
    }
}
