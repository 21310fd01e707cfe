namespace ChatServer.Chat;

/// <summary>A rate-limit bucket a send draws one token from, as part of storing the message (<see cref="IMessageStore.PostAsync"/>).</summary>
public readonly record struct SendBudget(string Bucket, TokenBucketPolicy Policy);
