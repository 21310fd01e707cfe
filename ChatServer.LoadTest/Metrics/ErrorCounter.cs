using System.Collections.Concurrent;
using System.Net.WebSockets;
using ChatServer.Client;
using Microsoft.AspNetCore.SignalR;

namespace ChatServer.LoadTest.Metrics;

/// <summary>Failures grouped by kind, so a report says "rateLimited: 12" rather than one opaque number.</summary>
internal sealed class ErrorCounter
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public long Total => _counts.Values.Sum();

    public void Record(string kind) => Record(kind, 1);

    public void Record(string kind, long count) => _counts.AddOrUpdate(kind, count, (_, n) => n + count);

    public void Record(Exception error) => Record(Classify(error));

    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);

    /// <summary>Short, stable names: the hub's own error texts are grouped by their first words.</summary>
    internal static string Classify(Exception error) => error switch
    {
        HubException hub when hub.Message.Contains("Rate limit", StringComparison.OrdinalIgnoreCase) => "rateLimited",
        HubException hub => "hub: " + FirstWords(hub.Message),
        ChatApiException api => $"http {(int)api.StatusCode}",
        TimeoutException => "timeout",
        OperationCanceledException => "timeout",
        InvalidOperationException => "notConnected",
        WebSocketException => "webSocket",
        HttpRequestException => "http",
        IOException => "io",
        _ => error.GetType().Name,
    };

    private static string FirstWords(string message)
    {
        // HubException texts come from the server as "An unexpected error occurred invoking 'X' on the server.
        // HubException: <text>"; keep the server's own text.
        var marker = message.LastIndexOf("HubException: ", StringComparison.Ordinal);
        var text = marker >= 0 ? message[(marker + "HubException: ".Length)..] : message;
        return text.Length <= 48 ? text : text[..48];
    }
}
