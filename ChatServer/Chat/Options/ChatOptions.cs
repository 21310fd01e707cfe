using System.ComponentModel.DataAnnotations;

namespace ChatServer.Chat.Options;

/// <summary>Instance-wide settings (section <c>Chat</c>).</summary>
public sealed class ChatOptions
{
    public const string SectionName = "Chat";

    /// <summary>
    /// Names this instance in logs, <c>GetServerInfo</c> and Redis; default <c>&lt;hostname&gt;-&lt;random&gt;</c> (no process
    /// id: it told anyone who asked what runs where, and a restarted process is a new instance anyway).
    /// </summary>
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$", ErrorMessage = "Chat:InstanceId must be 1-64 letters, digits, '_', '.' or '-'")]
    public string? InstanceId { get; set; }

    public string ResolveInstanceId() => string.IsNullOrWhiteSpace(InstanceId) ? DefaultInstanceId : InstanceId;

    // One per process, so every resolution in it agrees.
    private static readonly string DefaultInstanceId = $"{Environment.MachineName}-{Guid.NewGuid():N}"[..Math.Min(64, Environment.MachineName.Length + 9)];
}
