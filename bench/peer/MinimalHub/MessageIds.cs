namespace MinimalHub;

/// <summary>Ids in ChatServer's "&lt;ms&gt;-&lt;seq&gt;" form, unique per instance; nothing orders them across instances.</summary>
internal sealed class MessageIds(TimeProvider time)
{
    private long sequence;

    public string Next() => $"{time.GetUtcNow().ToUnixTimeMilliseconds()}-{Interlocked.Increment(ref sequence)}";
}
