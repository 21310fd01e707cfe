using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ChatServer.Backplane;
using ChatServer.Chat;
using ChatServer.Chat.Redis;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace ChatServer.Hubs;

/// <summary>
/// Turns the record the Redis message store publishes on a room's group channel into the <c>MessageReceived</c>
/// event, so messages reach every instance's members in stream order without a second publish; and after this
/// instance's subscriber socket was away (a Redis restart, a network blip, Redis dropping a slow subscriber), replays
/// from each local room's stream what was published meanwhile, so no member misses a message. Every group of the
/// chat hub is a room.
/// </summary>
public sealed class RoomMessageRelay(Func<IMessageStore> messages, ILogger<RoomMessageRelay> logger) : IGroupMessageRelay
{
    // Live records held per room while its replay reads the stream; past this the replay reads once more instead.
    private const int HeldCapacity = 1000;
    private const int ReplayBatch = 500;

    private readonly ConcurrentDictionary<string, RoomDeliveryCursor> _rooms = new(StringComparer.Ordinal);

    public HubMessage? Translate(string group, ReadOnlyMemory<byte> record)
    {
        var message = RoomMessageRecord.Parse(record.Span);
        if (_rooms.TryGetValue(group, out var cursor) && !cursor.TryAcceptLive(MessageId.Parse(message.Id), message))
        {
            return null;
        }

        return ToHubMessage(message);
    }

    public async ValueTask OnSubscribedAsync(string group, CancellationToken cancellationToken)
    {
        var cursor = new RoomDeliveryCursor(HeldCapacity);
        _rooms[group] = cursor;
        try
        {
            // Read after the subscription took effect: anything newer arrives live.
            var newest = await messages().GetBeforeAsync(group, before: null, limit: 1, cancellationToken);
            cursor.SetFloor(newest.Messages is [var last] ? MessageId.Parse(last.Id) : null);
        }
        catch (ChatException exception) when (exception.Kind == ChatErrorKind.Unavailable)
        {
            // The join goes on; this room is replayed only from what is delivered to it from now on.
            HubLog.ReplayFloorUnknown(logger, group, exception.Message);
        }
    }

    public void OnUnsubscribed(string group) => _rooms.TryRemove(group, out _);

    public void OnSubscriptionsLost()
    {
        foreach (var cursor in _rooms.Values) cursor.MarkGap();
    }

    public async IAsyncEnumerable<HubMessage> ReplayMissedAsync(string group, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!_rooms.TryGetValue(group, out var cursor) || !cursor.TryBeginReplay(out var after))
        {
            yield break;
        }

        var done = false;
        try
        {
            while (!done)
            {
                HistoryPage page;
                do
                {
                    page = await messages().GetAfterAsync(group, after, ReplayBatch, cancellationToken);
                    foreach (var message in page.Messages)
                    {
                        after = MessageId.Parse(message.Id);
                        if (cursor.TryAcceptReplayed(after)) yield return ToHubMessage(message);
                    }
                }
                while (page.HasMore);

                // Then what arrived live meanwhile, until nothing is held: that ends the replay.
                while (true)
                {
                    var held = cursor.TakeHeld(out var rereadAfter);
                    if (rereadAfter is { } bound)
                    {
                        after = bound;
                        break;
                    }

                    if (held.Count == 0)
                    {
                        done = true;
                        break;
                    }

                    foreach (var message in held) yield return ToHubMessage(message);
                }
            }
        }
        finally
        {
            if (!done) cursor.AbandonReplay();
        }
    }

    private static InvocationMessage ToHubMessage(ChatMessage message) =>
        new(nameof(IChatClient.MessageReceived), [message]);
}
