using System.Text.RegularExpressions;

namespace ChatServer.Chat;

/// <summary>
/// Finds <c>@name</c> in a text: <c>name</c> follows the user-name rule (so <c>.</c>, <c>-</c> and <c>_</c> belong to it)
/// and is ended by a character that cannot be in a name, or by the end of the text; an <c>@</c> right after a name
/// character (an e-mail address) does not start one. Whether the name is a user is for the caller to check.
/// </summary>
public static partial class MentionParser
{
    /// <summary>Distinct names looked up per message, so a text cannot make one send cost hundreds of lookups.</summary>
    public const int MaxMentions = 20;

    /// <summary>The distinct candidate names, in order of first appearance (ignoring case), at most <see cref="MaxMentions"/>.</summary>
    public static IReadOnlyList<string> FindCandidates(string text) =>
        [.. MentionPattern().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxMentions)];

    [GeneratedRegex(@"(?<![A-Za-z0-9_.\-])@([A-Za-z0-9_.\-]{2,32})(?![A-Za-z0-9_.\-])", RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();
}
