namespace ChatServer.Chat;

/// <summary>The sizes the public contract promises; one place so errors and checks agree.</summary>
public static class ChatLimits
{
    public const int MaxTextLength = 4000;
    public const int MaxClientMessageIdLength = 64;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;
    public const int MinHistoryLimit = 1;
    public const int MaxHistoryLimit = 100;
    public const int DefaultHistoryLimit = 50;
    public const int JoinSnapshotSize = 50;
    public const int MaxResumeMessages = 500;

    /// <summary>SignalR's cap on one incoming hub message; a 4000-character text fits with room to spare.</summary>
    public const long MaxHubMessageBytes = 64 * 1024;
}
