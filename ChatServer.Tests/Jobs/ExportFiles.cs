using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChatServer.Tests.Jobs;

/// <summary>Reads the three export formats back into (id, user, text) rows, as an independent reader would.</summary>
internal static partial class ExportFiles
{
    public static List<(string Id, string User, string Text)> ReadJson(byte[] file)
    {
        using var document = JsonDocument.Parse(file);
        return [.. document.RootElement.GetProperty("messages").EnumerateArray()
            .Select(message => (message.GetProperty("id").GetString()!, message.GetProperty("user").GetString()!, message.GetProperty("text").GetString()!))];
    }

    /// <summary>RFC 4180: fields separated by commas, quoted fields may hold commas, line breaks and doubled quotes.</summary>
    public static List<(string Id, string User, string Text)> ReadCsv(byte[] file)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var text = Encoding.UTF8.GetString(file);
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else field.Append(c);
        }

        Assert.Equal(0, field.Length + row.Count);
        Assert.Equal(["id", "sentAt", "user", "text"], rows[0]);
        Assert.All(rows, r => Assert.Equal(4, r.Count));
        return [.. rows.Skip(1).Select(r => (r[0], r[2], r[3]))];
    }

    public static List<(string Id, string User, string Text)> ReadHtml(byte[] file)
    {
        var html = Encoding.UTF8.GetString(file);
        return [.. HtmlItem().Matches(html).Select(m => (WebUtility.HtmlDecode(m.Groups["id"].Value), WebUtility.HtmlDecode(m.Groups["user"].Value), WebUtility.HtmlDecode(m.Groups["text"].Value)))];
    }

    [GeneratedRegex("<li id=\"m-(?<id>[^\"]+)\"><time[^>]*>[^<]*</time> <b class=\"user\">(?<user>[^<]*)</b> <span class=\"text\">(?<text>[^<]*)</span></li>")]
    private static partial Regex HtmlItem();
}
