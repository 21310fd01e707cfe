using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ChatServer.Contracts;

/// <summary>
/// A message id of the form <c>"&lt;milliseconds&gt;-&lt;sequence&gt;"</c>, the same shape as a Redis stream id,
/// so ids order by time first and by sequence within one millisecond.
/// </summary>
/// <param name="Milliseconds">Unix time in milliseconds when the message was stored.</param>
/// <param name="Sequence">Order within that millisecond.</param>
public readonly record struct MessageId(long Milliseconds, long Sequence) : IComparable<MessageId>
{
    /// <summary>The UTC time the millisecond part stands for.</summary>
    public DateTime Timestamp => DateTime.UnixEpoch.AddMilliseconds(Milliseconds);

    /// <summary>Reads <c>"&lt;digits&gt;-&lt;digits&gt;"</c>; false for anything else (null, signs, spaces, other separators).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out MessageId id)
    {
        id = default;
        if (text is null)
        {
            return false;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || dash == text.Length - 1)
        {
            return false;
        }

        var milliseconds = text.AsSpan(0, dash);
        var sequence = text.AsSpan(dash + 1);
        if (!AllDigits(milliseconds) || !AllDigits(sequence)
            || !long.TryParse(milliseconds, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            || !long.TryParse(sequence, NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            return false;
        }

        id = new MessageId(ms, seq);
        return true;
    }

    /// <summary>Parses an id known to be well formed (one the store produced); throws <see cref="FormatException"/> otherwise.</summary>
    public static MessageId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a message id of the form '<ms>-<seq>'.");

    /// <summary>The smallest id after this one (the inclusive bound for "messages after"), or null after the largest id.</summary>
    public MessageId? Next() => (Milliseconds, Sequence) switch
    {
        (long.MaxValue, long.MaxValue) => null,
        (_, long.MaxValue) => new MessageId(Milliseconds + 1, 0),
        _ => this with { Sequence = Sequence + 1 },
    };

    /// <summary>The largest id before this one, or null when this is the first possible id.</summary>
    public MessageId? Previous() => (Milliseconds, Sequence) switch
    {
        (0, 0) => null,
        (_, 0) => new MessageId(Milliseconds - 1, long.MaxValue),
        _ => this with { Sequence = Sequence - 1 },
    };

    /// <summary>By time, then by sequence.</summary>
    public int CompareTo(MessageId other)
    {
        var byTime = Milliseconds.CompareTo(other.Milliseconds);
        return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
    }

    /// <summary>Earlier.</summary>
    public static bool operator <(MessageId left, MessageId right) => left.CompareTo(right) < 0;
    /// <summary>Later.</summary>
    public static bool operator >(MessageId left, MessageId right) => left.CompareTo(right) > 0;
    /// <summary>Earlier or the same.</summary>
    public static bool operator <=(MessageId left, MessageId right) => left.CompareTo(right) <= 0;
    /// <summary>Later or the same.</summary>
    public static bool operator >=(MessageId left, MessageId right) => left.CompareTo(right) >= 0;

    /// <summary>The wire form, <c>"&lt;ms&gt;-&lt;seq&gt;"</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Milliseconds}-{Sequence}");

    private static bool AllDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return span.Length > 0;
    }
}
