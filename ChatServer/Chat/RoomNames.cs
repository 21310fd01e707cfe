using System.Text.RegularExpressions;

namespace ChatServer.Chat;

/// <summary>
/// Room names: public rooms match <c>^[a-z0-9][a-z0-9_-]{0,63}$</c>; a direct room between two users is
/// <c>dm:{a}:{b}</c> with both lower-cased names in ordinal order, and only those two may use it.
/// </summary>
public static partial class RoomNames
{
    public const string DirectPrefix = "dm:";

    public static bool IsDirect(string room) => room.StartsWith(DirectPrefix, StringComparison.Ordinal);

    /// <summary>The direct room between two users, whichever of them asks.</summary>
    public static string Direct(string userA, string userB)
    {
        var a = userA.ToLowerInvariant();
        var b = userB.ToLowerInvariant();
        return string.CompareOrdinal(a, b) <= 0 ? $"{DirectPrefix}{a}:{b}" : $"{DirectPrefix}{b}:{a}";
    }

    /// <summary>Throws a <see cref="ChatException"/> naming the rule when <paramref name="room"/> is not a valid room name.</summary>
    public static string Validate(string? room)
    {
        if (string.IsNullOrEmpty(room))
        {
            throw ChatException.Invalid("Room name is required");
        }

        if (PublicRoom().IsMatch(room))
        {
            return room;
        }

        if (IsDirect(room))
        {
            var match = DirectRoom().Match(room);
            if (match.Success && string.CompareOrdinal(match.Groups[1].Value, match.Groups[2].Value) < 0)
            {
                return room;
            }

            throw ChatException.Invalid($"Invalid direct room '{Shorten(room)}': use OpenDirectRoom(userName) to get its id");
        }

        throw ChatException.Invalid($"Invalid room name '{Shorten(room)}': use 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit");
    }

    /// <summary>Throws when <paramref name="user"/> may not use <paramref name="room"/> (a direct room of two other users).</summary>
    public static void EnsureAccess(string room, string user)
    {
        if (!CanAccess(room, user))
        {
            throw ChatException.Forbidden("Not a member of this direct room");
        }
    }

    public static bool CanAccess(string room, string user)
    {
        if (!IsDirect(room))
        {
            return true;
        }

        var parts = room.AsSpan(DirectPrefix.Length);
        var colon = parts.IndexOf(':');
        var self = user.ToLowerInvariant();
        return colon > 0 && (parts[..colon].SequenceEqual(self) || parts[(colon + 1)..].SequenceEqual(self));
    }

    /// <summary>The other member of a valid direct room, lower-cased, as the room name spells it.</summary>
    public static string Other(string directRoom, string user)
    {
        var parts = directRoom[DirectPrefix.Length..].Split(':');
        return string.Equals(parts[0], user, StringComparison.OrdinalIgnoreCase) ? parts[1] : parts[0];
    }

    /// <summary>Echo at most a short prefix of bad input back in error messages.</summary>
    internal static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");

    // \z, not $: in .NET, $ also matches before a final newline, so "general\n" would be a second room.
    [GeneratedRegex(@"^[a-z0-9][a-z0-9_-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PublicRoom();

    [GeneratedRegex(@"^dm:([a-z0-9_.-]{2,32}):([a-z0-9_.-]{2,32})\z", RegexOptions.CultureInvariant)]
    private static partial Regex DirectRoom();
}
