using System.Buffers;
using ChatServer.Redis.Protocol;

namespace ChatServer.Redis;

/// <summary>The reader loop: parse replies in place and hand each to the oldest command waiting.</summary>
internal sealed partial class ConnectionChannel
{
    private async Task ReadLoopAsync(PhysicalConnection connection, CancellationToken cancellationToken)
    {
        var input = connection.Input;
        while (true)
        {
            var read = await input.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            var position = DispatchAll(buffer);
            input.AdvanceTo(position, buffer.End);
            if (read.IsCompleted || read.IsCanceled) throw RedisErrors.ServerClosed(_endpoint);
        }
    }

    // Replies matched during the current read; handed to the thread pool as one batch.
    private List<(PendingCommand Command, RedisResult Reply)>? _completed;

    /// <summary>Dispatches every complete frame in <paramref name="buffer"/>; returns where the incomplete rest starts.</summary>
    private SequencePosition DispatchAll(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        try
        {
            while (RespReader.TryRead(ref reader, out var reply)) Dispatch(reply);
        }
        finally
        {
            // Even when a later frame is malformed, the replies matched before it belong to their callers.
            if (_completed is { } batch)
            {
                _completed = null;
                ThreadPool.UnsafeQueueUserWorkItem(static batch => CompleteBatch(batch), batch, preferLocal: false);
            }
        }

        return reader.Position;
    }

    private static void CompleteBatch(List<(PendingCommand Command, RedisResult Reply)> batch)
    {
        foreach (var (command, reply) in batch) command.Complete(reply);
    }

    private void Dispatch(RedisResult reply)
    {
        // On the subscriber socket, published messages arrive between command replies and belong to no command.
        if (_pushHandler is not null && _pushHandler(reply)) return;

        // A reply nobody asked for means the stream is out of step; carrying on would hand callers wrong replies.
        if (!_sent.TryPeek(out var command)) throw RedisErrors.UnexpectedReply(RoleName);
        if (!command.OnReply()) return;
        _sent.TryDequeue(out _);
        (_completed ??= new List<(PendingCommand, RedisResult)>(16)).Add((command, reply));
    }
}
