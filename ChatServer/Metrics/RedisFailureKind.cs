namespace ChatServer.Metrics;

/// <summary>Why a Redis call failed, as the <c>kind</c> label of <c>chat_redis_errors_total</c>.</summary>
public enum RedisFailureKind
{
    /// <summary>No connection to Redis (down, unreachable, refused).</summary>
    Connection,

    /// <summary>Redis did not answer within the command timeout.</summary>
    Timeout,

    /// <summary>Redis answered LOADING: it is reading its data back after a restart.</summary>
    Loading,

    /// <summary>The multiplexer was closed: this instance is shutting down.</summary>
    Closed,
}
