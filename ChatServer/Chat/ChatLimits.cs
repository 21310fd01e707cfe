namespace ChatServer.Chat;

/// <summary>The sizes the public contract promises; one place so errors and checks agree.</summary>
public static class ChatLimits
{
    /// <summary>Characters as a person counts them (text elements).</summary>
    public const int MaxTextLength = 4000;

    /// <summary>UTF-8 bytes of one message: 4000 four-byte characters, whatever combining sequences they form.</summary>
    public const int MaxTextBytes = 16 * 1024;
    public const int MaxClientMessageIdLength = 64;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;
    public const int MinHistoryLimit = 1;
    public const int MaxHistoryLimit = 100;
    public const int DefaultHistoryLimit = 50;
    public const int JoinSnapshotSize = 50;
    public const int MaxResumeMessages = 500;

    /// <summary>
    /// SignalR's cap on one incoming hub message, a little above the largest valid call (16 KiB of text, which JSON
    /// may escape to six bytes per UTF-16 unit): a call too long for the contract gets an error and the connection
    /// stays; only a frame over this cap closes the connection (SignalR's rule for oversized frames).
    /// </summary>
    public const long MaxHubMessageBytes = 128 * 1024;
}
