namespace ChatServer.Tests.Infrastructure;

/// <summary>Unique public room names, so tests sharing a server (or a Redis) never meet.</summary>
internal static class TestRooms
{
    public static string NewName(string prefix = "room") => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 11)];
}
