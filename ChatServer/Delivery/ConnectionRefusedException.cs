namespace ChatServer.Delivery;

/// <summary>A hub connection the instance turned away after telling the client why (<see cref="ConnectionRefusals"/>).</summary>
internal sealed class ConnectionRefusedException(string reason, Exception? cause = null) : Exception(reason, cause);
