using System.Globalization;

namespace ChatServer.Redis;

/// <summary>How Redis spells numbers in text: "inf"/"+inf"/"-inf" for infinities, invariant culture otherwise.</summary>
internal static class RespFormat
{
    public static string FormatDouble(double value) => value switch
    {
        double.PositiveInfinity => "+inf",
        double.NegativeInfinity => "-inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    public static double ParseDouble(string text) => text switch
    {
        "inf" or "+inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
