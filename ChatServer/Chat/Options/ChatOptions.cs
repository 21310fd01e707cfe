using System.ComponentModel.DataAnnotations;

namespace ChatServer.Chat.Options;

/// <summary>Instance-wide settings (section <c>Chat</c>).</summary>
public sealed class ChatOptions
{
    public const string SectionName = "Chat";

    /// <summary>Names this instance in logs, <c>GetServerInfo</c> and Redis; default <c>&lt;hostname&gt;-&lt;pid&gt;</c>.</summary>
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$", ErrorMessage = "Chat:InstanceId must be 1-64 letters, digits, '_', '.' or '-'")]
    public string? InstanceId { get; set; }

    public string ResolveInstanceId() => string.IsNullOrWhiteSpace(InstanceId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : InstanceId;
}
