using System.Globalization;
using System.Text;

namespace ChatServer.Chat;

/// <summary>
/// A reaction is one emoji: exactly one grapheme (a .NET text element, Unicode's extended grapheme cluster, so a ZWJ
/// family, a skin tone, a flag or a keycap is one), at most 32 UTF-16 units, that starts with a code point from
/// Unicode's emoji blocks or is a keycap (<c>0-9 # *</c> with U+20E3). .NET has no Emoji property, so the blocks are
/// listed here; they cover every fully-qualified emoji of Unicode 15.
/// </summary>
public static class EmojiValidation
{
    public const int MaxLength = 32;

    public static string Validate(string? emoji)
    {
        if (string.IsNullOrEmpty(emoji) || emoji.Length > MaxLength || new StringInfo(emoji).LengthInTextElements != 1 || !IsEmoji(emoji))
        {
            throw ChatException.Invalid("emoji must be a single emoji, such as 👍");
        }

        return emoji;
    }

    private static bool IsEmoji(string grapheme)
    {
        var first = Rune.GetRuneAt(grapheme, 0).Value;
        if (first is >= '0' and <= '9' or '#' or '*')
        {
            return grapheme.Contains('\u20E3', StringComparison.Ordinal);
        }

        return first is >= 0x1F000 and <= 0x1FAFF // mahjong … symbols and pictographs extended-A, flags' regional indicators
            or >= 0x2600 and <= 0x27BF // miscellaneous symbols, dingbats
            or >= 0x2300 and <= 0x23FF // miscellaneous technical (⌚ ⏰ ⏩)
            or >= 0x2B00 and <= 0x2BFF // arrows and stars (⬆ ⭐ ⭕)
            or >= 0x2190 and <= 0x21FF // arrows (↔ ↩)
            or >= 0x25A0 and <= 0x25FF // geometric shapes (▶ ◀ ◻)
            or >= 0x2934 and <= 0x2935
            or 0x00A9 or 0x00AE or 0x203C or 0x2049 or 0x2122 or 0x2139 or 0x24C2 or 0x3030 or 0x303D or 0x3297 or 0x3299;
    }
}
