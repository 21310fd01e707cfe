using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace ChatServer.Chat;

/// <summary>
/// Where a room-list page ended, as an opaque token: the last room's users online and name, the list's sort key
/// (online descending, then name), so the next page starts after it whatever rooms came or went meanwhile.
/// </summary>
public readonly record struct RoomListCursor(int Online, string Room)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Online}:{Room}")));

    /// <summary>Null for no cursor; an error a caller can act on for one this server did not hand out.</summary>
    public static RoomListCursor? Parse(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (cursor.Length <= 256 && colon > 0 && int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var online))
            {
                return new RoomListCursor(online, text[(colon + 1)..]);
            }
        }
        catch (FormatException)
        {
            // Not base64url: reported below like any other foreign cursor.
        }

        throw ChatException.Invalid("cursor is not one this server handed out: pass nextCursor from the previous page, or none");
    }

    /// <summary>True when <paramref name="room"/> sorts after this cursor.</summary>
    public bool Precedes(RoomInfo room) =>
        room.Online < Online || (room.Online == Online && string.CompareOrdinal(room.Room, Room) > 0);
}
