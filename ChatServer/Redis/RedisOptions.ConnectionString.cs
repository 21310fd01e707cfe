using System.Globalization;

namespace ChatServer.Redis;

/// <summary>Connection-string parsing: <c>host:port,key=value,…</c>, keys case-insensitive, unknown keys rejected.</summary>
public sealed partial class RedisOptions
{
    /// <summary>Options from a connection string alone; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static RedisOptions Parse(string connectionString)
    {
        var options = new RedisOptions();
        options.ApplyConnectionString(connectionString);
        return options;
    }

    /// <summary>Overrides these options with the values in <paramref name="connectionString"/>.</summary>
    public void ApplyConnectionString(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var sawEndpoint = false;
        foreach (var raw in connectionString.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = raw.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                if (sawEndpoint) throw new FormatException($"Redis connection string names more than one endpoint ('{raw}'); this client connects to one server.");
                ParseEndpoint(raw);
                sawEndpoint = true;
                continue;
            }

            var key = raw[..equals].Trim();
            var value = raw[(equals + 1)..].Trim();
            switch (key.ToUpperInvariant())
            {
                case "PASSWORD":
                    Password = value;
                    break;
                case "USER":
                    User = value.Length == 0 ? null : value;
                    break;
                case "DEFAULTDATABASE":
                    DefaultDatabase = ParseInt(key, value);
                    break;
                case "CONNECTTIMEOUT":
                    ConnectTimeout = TimeSpan.FromMilliseconds(ParseInt(key, value));
                    break;
                case "LOADINGTIMEOUT":
                    LoadingTimeout = TimeSpan.FromMilliseconds(ParseInt(key, value));
                    break;
                case "COMMANDTIMEOUT" or "SYNCTIMEOUT" or "ASYNCTIMEOUT":
                    CommandTimeout = TimeSpan.FromMilliseconds(ParseInt(key, value));
                    break;
                case "SSL":
                    Ssl = ParseBool(key, value);
                    break;
                case "SSLHOST":
                    SslHost = value;
                    break;
                case "NAME":
                    ClientName = value;
                    break;
                case "ABORTCONNECT":
                    AbortOnConnectFail = ParseBool(key, value);
                    break;
                case "RECONNECTMINDELAY":
                    ReconnectMinDelay = TimeSpan.FromMilliseconds(ParseInt(key, value));
                    break;
                case "RECONNECTMAXDELAY":
                    ReconnectMaxDelay = TimeSpan.FromMilliseconds(ParseInt(key, value));
                    break;
                default:
                    throw new FormatException($"Unknown Redis connection string option '{key}'.");
            }
        }

        if (!sawEndpoint) throw new FormatException("Redis connection string has no host:port.");
    }

    private void ParseEndpoint(string endpoint)
    {
        string host;
        string? port = null;
        if (endpoint.StartsWith('['))
        {
            // [::1]:6379
            var close = endpoint.IndexOf(']', StringComparison.Ordinal);
            if (close < 0) throw new FormatException($"Invalid Redis endpoint '{endpoint}'.");
            host = endpoint[1..close];
            if (close + 1 < endpoint.Length)
            {
                if (endpoint[close + 1] != ':') throw new FormatException($"Invalid Redis endpoint '{endpoint}'.");
                port = endpoint[(close + 2)..];
            }
        }
        else
        {
            var colon = endpoint.LastIndexOf(':');
            host = colon < 0 ? endpoint : endpoint[..colon];
            port = colon < 0 ? null : endpoint[(colon + 1)..];
        }

        if (host.Length == 0) throw new FormatException($"Invalid Redis endpoint '{endpoint}': no host.");
        Host = host;
        if (port is not null)
        {
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
            {
                throw new FormatException($"Invalid Redis port '{port}' in '{endpoint}'.");
            }

            Port = number;
        }
    }

    private static int ParseInt(string key, string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"Redis connection string option '{key}' must be an integer, not '{value}'.");

    private static bool ParseBool(string key, string value) =>
        bool.TryParse(value, out var flag)
            ? flag
            : throw new FormatException($"Redis connection string option '{key}' must be true or false, not '{value}'.");
}
