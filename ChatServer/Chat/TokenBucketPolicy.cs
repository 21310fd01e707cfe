namespace ChatServer.Chat;

/// <summary>A token bucket's shape: it refills at <see cref="PerSecond"/> up to <see cref="Burst"/> tokens.</summary>
public readonly record struct TokenBucketPolicy(double PerSecond, int Burst);
