using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatServer.Chat;

/// <summary>Checks every client-supplied value against the contract, with messages a person can act on.</summary>
public static partial class ChatValidation
{
    /// <summary>User names: <c>^[A-Za-z0-9_.-]{2,32}$</c>, unique ignoring case.</summary>
    public static bool IsValidUserName(string? userName) => userName is not null && UserNamePattern().IsMatch(userName);

    public static string? UserNameError(string? userName) => IsValidUserName(userName)
        ? null
        : "User name must be 2-32 characters: letters, digits, '_', '.' or '-'";

    public static string? PasswordError(string? password) => password is { Length: >= ChatLimits.MinPasswordLength and <= ChatLimits.MaxPasswordLength }
        ? null
        : $"Password must be {ChatLimits.MinPasswordLength} to {ChatLimits.MaxPasswordLength} characters";

    public static string ValidateUserName(string? userName) => IsValidUserName(userName)
        ? userName!
        : throw ChatException.Invalid(UserNameError(userName)!);

    /// <summary>
    /// Returns the trimmed text, or throws when it shows nothing (empty, or only invisible characters such as
    /// U+200B) or is longer than the contract allows. Length counts what a person sees as characters (text elements:
    /// an emoji with its modifiers is one), and a byte cap bounds what those can hold.
    /// </summary>
    public static string ValidateText(string? text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (!HasVisibleCharacter(trimmed))
        {
            throw ChatException.Invalid("Message is empty");
        }

        if (trimmed.Length > ChatLimits.MaxTextLength && new StringInfo(trimmed).LengthInTextElements > ChatLimits.MaxTextLength)
        {
            throw ChatException.Invalid($"Message is too long (max {ChatLimits.MaxTextLength} characters)");
        }

        if (Encoding.UTF8.GetByteCount(trimmed) > ChatLimits.MaxTextBytes)
        {
            throw ChatException.Invalid($"Message is too long (max {ChatLimits.MaxTextBytes} bytes of UTF-8)");
        }

        return trimmed;
    }

    /// <summary>A client message id is optional; when given it must be 1-64 printable characters.</summary>
    public static string? ValidateClientMessageId(string? clientMessageId)
    {
        if (clientMessageId is null)
        {
            return null;
        }

        if (clientMessageId.Length == 0 || clientMessageId.Length > ChatLimits.MaxClientMessageIdLength)
        {
            throw ChatException.Invalid($"clientMessageId must be 1 to {ChatLimits.MaxClientMessageIdLength} characters");
        }

        if (clientMessageId.Any(char.IsControl))
        {
            throw ChatException.Invalid("clientMessageId must not contain control characters");
        }

        return clientMessageId;
    }

    /// <summary>Parses an optional id argument; a value not of the form <c>&lt;digits&gt;-&lt;digits&gt;</c> is an error, not an empty result.</summary>
    public static MessageId? ParseOptionalId(string? id, string argumentName)
    {
        if (id is null)
        {
            return null;
        }

        return MessageId.TryParse(id, out var parsed)
            ? parsed
            : throw ChatException.Invalid($"Invalid {argumentName} '{RoomNames.Shorten(id)}': expected a message id like '1700000000000-0'");
    }

    /// <summary>Parses a required id argument, with the same rule and message as <see cref="ParseOptionalId"/>.</summary>
    public static MessageId ParseRequiredId(string? id, string argumentName) =>
        ParseOptionalId(id, argumentName) ?? throw ChatException.Invalid($"{argumentName} is required");

    public static int ValidateLimit(int limit) => limit is >= ChatLimits.MinHistoryLimit and <= ChatLimits.MaxHistoryLimit
        ? limit
        : throw ChatException.Invalid($"limit must be between {ChatLimits.MinHistoryLimit} and {ChatLimits.MaxHistoryLimit}");

    private static bool HasVisibleCharacter(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsVisible(rune))
            {
                return true;
            }
        }

        return false;
    }

    // Controls, format characters (zero-width spaces and joiners, direction marks, BOM), separators and lone marks
    // show nothing; neither do the few letters and symbols drawn blank (Hangul fillers, the braille blank).
    private static bool IsVisible(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse => false,
        _ => rune.Value is not (0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800),
    };

    // \z, not $: in .NET, $ also matches before a final newline, so "alice\n" would pass.
    [GeneratedRegex(@"^[A-Za-z0-9_.-]{2,32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex UserNamePattern();
}
