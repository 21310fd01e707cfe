namespace ChatServer.LoadTest.Accounting;

/// <summary>How one receipt of a message at one receiver is classified.</summary>
internal enum DeliveryKind
{
    /// <summary>First receipt, and newer than everything this receiver saw in the room before.</summary>
    InOrder,

    /// <summary>First receipt, but older than a message this receiver already saw in the room.</summary>
    OutOfOrder,

    /// <summary>This receiver already got this id.</summary>
    Duplicate,
}
