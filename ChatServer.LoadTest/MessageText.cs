using System.Diagnostics;
using System.Globalization;

namespace ChatServer.LoadTest;

/// <summary>
/// Message bodies carry the sender's <see cref="Stopwatch"/> timestamp so every receiver in this process can
/// measure send → receipt without a shared map: <c>"&lt;timestamp&gt;;xxxx…"</c>, padded to the requested size.
/// </summary>
internal static class MessageText
{
    public static string Create(long timestamp, int size)
    {
        var stamp = timestamp.ToString(CultureInfo.InvariantCulture) + ";";
        return stamp.Length >= size ? stamp : stamp.PadRight(size, 'x');
    }

    public static bool TryReadTimestamp(string? text, out long timestamp)
    {
        timestamp = 0;
        var end = text?.IndexOf(';', StringComparison.Ordinal) ?? -1;
        return end > 0 && long.TryParse(text.AsSpan(0, end), NumberStyles.None, CultureInfo.InvariantCulture, out timestamp);
    }
}
