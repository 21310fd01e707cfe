using System.Globalization;
using System.Text;

namespace ChatServer.LoadTest.ServerMetrics;

/// <summary>
/// A strict parser of the Prometheus text exposition format, version 0.0.4 (what <c>/metrics</c> answers a client that
/// does not ask for OpenMetrics). No NuGet package the feed serves parses it, and a regex would accept what Prometheus
/// rejects, so this follows the format's grammar and rejects, with the line number, whatever Prometheus's own parser
/// would refuse or a scrape would drop:
/// <code>
/// # HELP name escaped-text              at most once per family, escapes \\ and \n
/// # TYPE name counter|gauge|histogram|summary|untyped   at most once, before the family's first sample
/// name{label="value",...} value [timestamp-ms]         value: a float, NaN, +Inf or -Inf; label escapes \\ \" \n
/// </code>
/// Beyond the grammar it checks what makes a family usable: its samples are grouped together, no series repeats,
/// label names are unique and not reserved (<c>__</c>), counters are not negative, and each histogram series has
/// cumulative buckets ending in <c>le="+Inf"</c>, equal to its <c>_count</c>, and a <c>_sum</c>.
/// </summary>
internal static class PrometheusTextParser
{
    private static readonly HashSet<string> Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    public static Exposition Parse(string text)
    {
        var families = new Dictionary<string, MetricFamily>(StringComparer.Ordinal);
        var finished = new HashSet<string>(StringComparer.Ordinal);
        var series = new HashSet<string>(StringComparer.Ordinal);
        var typed = new HashSet<string>(StringComparer.Ordinal);
        MetricFamily? current = null;
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            var number = index + 1;
            if (line.Length == 0) continue;
            if (line.Contains('\r', StringComparison.Ordinal)) throw Error(number, "carriage return (lines end with \\n only)");

            if (line[0] == '#')
            {
                var parts = line.Split(' ', 4);
                if (parts.Length < 3 || parts[0] != "#" || parts[1] is not ("HELP" or "TYPE")) continue;   // a plain comment
                var name = parts[2];
                if (!IsMetricName(name)) throw Error(number, $"invalid metric name '{name}'");
                var family = Enter(name, number);
                if (parts[1] == "TYPE")
                {
                    var type = parts.Length == 4 ? parts[3] : "";
                    if (!Types.Contains(type)) throw Error(number, $"unknown type '{type}' for {name}");
                    if (family.Samples.Count > 0) throw Error(number, $"TYPE of {name} after its samples");
                    if (!typed.Add(name)) throw Error(number, $"second TYPE for {name}");
                    family.Type = type;
                }
                else
                {
                    if (family.Help is not null) throw Error(number, $"second HELP for {name}");
                    family.Help = UnescapeHelp(parts.Length == 4 ? parts[3] : "", number);
                }

                continue;
            }

            var sample = ParseSample(line, number);
            var owner = FamilyOf(sample.Name, families);
            var target = Enter(owner, number);
            if (!series.Add(sample.Name + "{" + sample.SeriesKey() + "}")) throw Error(number, $"duplicate series {sample.Name}{{{sample.SeriesKey()}}}");
            if (target.Type == "counter" && !(sample.Value >= 0)) throw Error(number, $"counter {sample.Name} is {sample.Value}");
            if (sample.Labels.ContainsKey("le") != (target.Type == "histogram" && sample.Name == owner + "_bucket"))
            {
                throw Error(number, $"'le' belongs on histogram buckets only ({sample.Name})");
            }

            target.Samples.Add(sample);
        }

        foreach (var family in families.Values.Where(family => family.Type == "histogram"))
        {
            CheckHistogram(family);
        }

        return new Exposition(families);

        // The family a line belongs to; a family whose lines were interrupted by another's may not come back.
        MetricFamily Enter(string name, int number)
        {
            if (current?.Name == name) return current;
            if (current is not null) finished.Add(current.Name);
            if (finished.Contains(name)) throw Error(number, $"lines of {name} are not grouped together");
            if (!families.TryGetValue(name, out var family)) families[name] = family = new MetricFamily(name, "untyped");
            return current = family;
        }
    }

    /// <summary>A sample value as the format writes it: a float, <c>NaN</c>, <c>+Inf</c> or <c>-Inf</c>.</summary>
    public static double ParseValue(string text) => text switch
    {
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] is '-' or '+' or '.')
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw new FormatException($"'{text}' is not a sample value"),
    };

    private static string FamilyOf(string sampleName, Dictionary<string, MetricFamily> families)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["_bucket", "_sum", "_count"])
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal)
                && families.TryGetValue(sampleName[..^suffix.Length], out var family)
                && (family.Type == "histogram" || family.Type == "summary" && suffix != "_bucket"))
            {
                return family.Name;
            }
        }

        return sampleName;
    }

    private static MetricSample ParseSample(string line, int number)
    {
        var position = 0;
        while (position < line.Length && IsNameChar(line[position], first: position == 0, colon: true)) position++;
        var name = line[..position];
        if (name.Length == 0) throw Error(number, "a sample line must start with a metric name");

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (true)
            {
                if (position < line.Length && line[position] == '}')
                {
                    position++;
                    break;
                }

                var start = position;
                while (position < line.Length && IsNameChar(line[position], first: position == start, colon: false)) position++;
                var label = line[start..position];
                if (label.Length == 0) throw Error(number, $"expected a label name at column {position + 1}");
                if (label.StartsWith("__", StringComparison.Ordinal)) throw Error(number, $"label name {label} is reserved");
                if (position + 1 >= line.Length || line[position] != '=' || line[position + 1] != '"') throw Error(number, $"expected =\" after label {label}");
                position += 2;
                var value = new StringBuilder();
                while (true)
                {
                    if (position >= line.Length) throw Error(number, $"unterminated value of label {label}");
                    var c = line[position++];
                    if (c == '"') break;
                    if (c == '\\')
                    {
                        if (position >= line.Length) throw Error(number, "dangling backslash");
                        value.Append(line[position++] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            var other => throw Error(number, $"unknown escape \\{other} in label {label}"),
                        });
                    }
                    else
                    {
                        value.Append(c);
                    }
                }

                if (!labels.TryAdd(label, value.ToString())) throw Error(number, $"label {label} twice");
                if (position < line.Length && line[position] == ',') position++;
                else if (position >= line.Length || line[position] != '}') throw Error(number, $"expected , or }} after label {label}");
            }
        }

        if (position >= line.Length || line[position] is not (' ' or '\t')) throw Error(number, $"expected a blank and a value after {name}");
        var fields = line[position..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is < 1 or > 2) throw Error(number, $"expected a value and an optional timestamp after {name}");
        double sampleValue;
        try
        {
            sampleValue = ParseValue(fields[0]);
        }
        catch (FormatException exception)
        {
            throw Error(number, exception.Message);
        }

        long? timestamp = null;
        if (fields.Length == 2)
        {
            if (!long.TryParse(fields[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)) throw Error(number, $"'{fields[1]}' is not a timestamp");
            timestamp = ms;
        }

        return new MetricSample(name, labels, sampleValue, timestamp);
    }

    private static void CheckHistogram(MetricFamily family)
    {
        foreach (var group in family.Samples.GroupBy(sample => sample.SeriesKey("le")))
        {
            var buckets = group.Where(sample => sample.Name == family.Name + "_bucket")
                .Select(sample => (Bound: ParseBound(sample, family.Name), sample.Value))
                .OrderBy(bucket => bucket.Bound)
                .ToList();
            var where = $"{family.Name}{{{group.Key}}}";
            if (buckets.Count == 0 || !double.IsPositiveInfinity(buckets[^1].Bound)) throw new FormatException($"{where} has no le=\"+Inf\" bucket");
            for (var i = 1; i < buckets.Count; i++)
            {
                if (buckets[i].Value < buckets[i - 1].Value) throw new FormatException($"{where}: bucket le={buckets[i].Bound} holds fewer than le={buckets[i - 1].Bound}");
            }

            var count = group.SingleOrDefault(sample => sample.Name == family.Name + "_count") ?? throw new FormatException($"{where} has no _count");
            if (count.Value != buckets[^1].Value) throw new FormatException($"{where}: _count {count.Value} is not the +Inf bucket's {buckets[^1].Value}");
            if (!group.Any(sample => sample.Name == family.Name + "_sum")) throw new FormatException($"{where} has no _sum");
        }
    }

    private static double ParseBound(MetricSample bucket, string family)
    {
        try
        {
            return ParseValue(bucket.Labels["le"]);
        }
        catch (FormatException)
        {
            throw new FormatException($"{family}: le=\"{bucket.Labels["le"]}\" is not a number");
        }
    }

    private static string UnescapeHelp(string text, int number)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 == text.Length)
            {
                result.Append(text[i]);
                continue;
            }

            result.Append(text[++i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                var other => throw Error(number, $"unknown escape \\{other} in HELP"),
            });
        }

        return result.ToString();
    }

    private static bool IsMetricName(string name) =>
        name.Length > 0 && name.Select((c, i) => IsNameChar(c, first: i == 0, colon: true)).All(ok => ok);

    private static bool IsNameChar(char c, bool first, bool colon) =>
        char.IsAsciiLetter(c) || c == '_' || (colon && c == ':') || (!first && char.IsAsciiDigit(c));

    private static FormatException Error(int line, string message) => new($"line {line}: {message}");
}
