using System.Globalization;

namespace ChatServer.LoadTest.Accounting;

/// <summary>A server message id <c>"&lt;ms&gt;-&lt;seq&gt;"</c> as two numbers, so ids compare and hash cheaply.</summary>
internal readonly record struct MessageKey(long Milliseconds, long Sequence) : IComparable<MessageKey>
{
    public static bool TryParse(string? id, out MessageKey key)
    {
        key = default;
        var dash = id?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (id is null || dash <= 0
            || !long.TryParse(id.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            || !long.TryParse(id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            return false;
        }

        key = new MessageKey(ms, seq);
        return true;
    }

    public int CompareTo(MessageKey other)
    {
        var byMs = Milliseconds.CompareTo(other.Milliseconds);
        return byMs != 0 ? byMs : Sequence.CompareTo(other.Sequence);
    }

    public static bool operator <(MessageKey left, MessageKey right) => left.CompareTo(right) < 0;

    public static bool operator >(MessageKey left, MessageKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(MessageKey left, MessageKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(MessageKey left, MessageKey right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Milliseconds}-{Sequence}";
}
