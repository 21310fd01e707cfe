namespace ChatServer.Redis;

/// <summary>A channel (SUBSCRIBE) or a pattern (PSUBSCRIBE); the same text means different things in each.</summary>
internal readonly record struct SubscriptionKey(string Name, bool IsPattern)
{
    public string SubscribeCommand => IsPattern ? "PSUBSCRIBE" : "SUBSCRIBE";

    public string UnsubscribeCommand => IsPattern ? "PUNSUBSCRIBE" : "UNSUBSCRIBE";
}
