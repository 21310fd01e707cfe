namespace ChatServer.LoadTest.Accounting;

/// <summary>A message's identity across the run: ids are only unique (and ordered) within their room.</summary>
internal readonly record struct RoomMessage(string Room, MessageKey Key);
