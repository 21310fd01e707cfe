namespace ChatServer.Backplane;

/// <summary>Names this instance on the backplane: where acks for its group commands are sent.</summary>
public sealed record BackplaneInstance(string Id);
