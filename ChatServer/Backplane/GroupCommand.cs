namespace ChatServer.Backplane;

internal enum GroupAction : byte
{
    Add = 1,
    Remove = 2,
}

/// <summary>Asks the instance that owns <paramref name="ConnectionId"/> to add it to or remove it from a group.</summary>
/// <param name="Id">Correlates the ack sent back to <paramref name="SenderInstance"/>.</param>
internal sealed record GroupCommand(int Id, string SenderInstance, GroupAction Action, string Group, string ConnectionId);
