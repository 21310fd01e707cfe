using System.Globalization;

namespace ChatServer.Chat;

/// <summary>The excerpt a reply carries of its original: the first 100 characters (text elements) of its current text.</summary>
public static class ReplyExcerpt
{
    public const int MaxLength = 100;

    /// <summary>Null for an original that is deleted or no longer in history.</summary>
    public static string? Of(ChatMessage? original)
    {
        if (original?.Text is not { } text || original.IsDeleted) return null;
        var info = new StringInfo(text);
        return info.LengthInTextElements <= MaxLength ? text : info.SubstringByTextElements(0, MaxLength) + "…";
    }

    public static ReplyReference For(ChatMessage original) => new(original.Id, original.User, Of(original));
}
