namespace ChatServer.Redis;

/// <summary>The RESP2 reply types, named after their first byte on the wire.</summary>
public enum RespType
{
    /// <summary><c>+OK\r\n</c></summary>
    SimpleString,

    /// <summary><c>-ERR message\r\n</c></summary>
    Error,

    /// <summary><c>:42\r\n</c></summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The RESP specification's own name for the type.")]
    Integer,

    /// <summary><c>$5\r\nhello\r\n</c>, or <c>$-1\r\n</c> for null.</summary>
    BulkString,

    /// <summary><c>*2\r\n…</c>, or <c>*-1\r\n</c> for null.</summary>
    Array,
}
