using System.ComponentModel.DataAnnotations;

namespace ChatServer.Chat.Redis;

/// <summary>Where the chat keeps its data in Redis (section <c>Chat:Redis</c>).</summary>
public sealed class ChatRedisOptions
{
    public const string SectionName = "Chat:Redis";

    /// <summary>Starts every key, so deployments sharing one Redis keep apart.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,32}$", ErrorMessage = "Chat:Redis:KeyPrefix must be 1-32 letters, digits, '_', '.' or '-'")]
    public string KeyPrefix { get; set; } = "chat";
}
