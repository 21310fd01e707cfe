using System.Buffers;
using ChatServer.Redis.Protocol;

namespace ChatServer.Redis;

/// <summary>
/// One caller's request in the pipeline: the frames it writes, how many replies it consumes (MULTI…EXEC writes
/// several frames and answers with the last reply), its deadline, and the task the caller awaits. Completed at
/// most once, by whichever comes first: the reply, the timeout sweep, cancellation, or a dropped socket.
/// Continuations run synchronously, but never on the socket reader: replies are completed in batches on a
/// thread-pool work item (one hop per socket read instead of one per command), and cancellation hops too.
/// </summary>
internal sealed class PendingCommand : TaskCompletionSource<RedisResult>
{
    private readonly RedisValue[]? _single;
    private readonly RedisValue[][]? _frames;
    private readonly RedisMetrics _metrics;
    private int _repliesLeft;

    public PendingCommand(RedisValue[] parts, long deadline, RedisMetrics metrics)
        : base(TaskCreationOptions.None)
    {
        _single = parts;
        _repliesLeft = 1;
        Deadline = deadline;
        _metrics = metrics;
    }

    public PendingCommand(RedisValue[][] frames, long deadline, RedisMetrics metrics)
        : base(TaskCreationOptions.None)
    {
        _frames = frames;
        _repliesLeft = frames.Length;
        Deadline = deadline;
        _metrics = metrics;
    }

    /// <summary><see cref="Environment.TickCount64"/> after which the caller gets a timeout.</summary>
    public long Deadline { get; }

    /// <summary>Command name for messages and logs.</summary>
    public string Name => (_single ?? _frames![^1])[0].ToString() ?? "?";

    public void WriteTo(IBufferWriter<byte> writer)
    {
        if (_single is not null)
        {
            RespWriter.WriteCommand(writer, _single);
            return;
        }

        foreach (var frame in _frames!) RespWriter.WriteCommand(writer, frame);
    }

    /// <summary>Counts one reply; true when this command has all its replies and leaves the FIFO.</summary>
    public bool OnReply() => --_repliesLeft == 0;

    /// <summary>Completes with the final reply: error replies become <see cref="RedisServerException"/>.</summary>
    public void Complete(RedisResult reply)
    {
        if (reply.IsError) Fail(RedisErrors.ServerError(reply.ErrorMessage!), "server");
        else if (TrySetResult(reply)) _metrics.CommandFinished();
    }

    public void Fail(Exception exception, string errorType)
    {
        if (!TrySetException(exception)) return;
        _metrics.CommandFinished();
        _metrics.Error(errorType);
    }

    /// <summary>From a token callback: hop to the pool so the canceller's thread never runs the caller's continuation.</summary>
    public void Cancel(CancellationToken cancellationToken) =>
        ThreadPool.UnsafeQueueUserWorkItem(
            static state =>
            {
                if (state.Command.TrySetCanceled(state.Token)) state.Command._metrics.CommandFinished();
            },
            (Command: this, Token: cancellationToken),
            preferLocal: false);
}
