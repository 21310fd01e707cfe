namespace ChatServer.Auth;

/// <summary>What one refresh of the ring does: the ring that results and what to change in the store to get there.</summary>
/// <param name="Ring">The keys this instance uses after the refresh.</param>
/// <param name="Reseeded">Keys this instance held that the store had lost (Redis flushed or restarted empty): written back.</param>
/// <param name="Created">A new key, when the ring was empty or its newest key is due for rotation.</param>
/// <param name="Retired">Keys whose grace period is over: removed from the store and from the ring.</param>
public sealed record KeyRingPlan(SigningKeyRing Ring, IReadOnlyList<SigningKey> Reseeded, SigningKey? Created, IReadOnlyList<SigningKey> Retired)
{
    /// <summary>Everything the store lacks: written with "add if absent", never overwriting.</summary>
    public IReadOnlyList<SigningKey> ToWrite => Created is null ? Reseeded : [.. Reseeded, Created];
}
