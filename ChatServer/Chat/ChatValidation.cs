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

    /// <summary>Returns the trimmed text, or throws when it is empty or longer than the contract allows.</summary>
    public static string ValidateText(string? text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw ChatException.Invalid("Message is empty");
        }

        if (trimmed.Length > ChatLimits.MaxTextLength)
        {
            throw ChatException.Invalid($"Message is too long (max {ChatLimits.MaxTextLength} characters)");
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

    public static int ValidateLimit(int limit) => limit is >= ChatLimits.MinHistoryLimit and <= ChatLimits.MaxHistoryLimit
        ? limit
        : throw ChatException.Invalid($"limit must be between {ChatLimits.MinHistoryLimit} and {ChatLimits.MaxHistoryLimit}");

    [GeneratedRegex("^[A-Za-z0-9_.-]{2,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex UserNamePattern();
}
