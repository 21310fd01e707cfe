using System.Globalization;
using ChatServer.Chat.Options;
using ChatServer.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatServer.Chat;

/// <summary>
/// Every chat operation, for the hub and the HTTP API alike: validates the caller's input, checks access,
/// updates the stores and tells the rooms. The caller's identity always comes from authentication.
/// </summary>
public sealed class ChatRoomService(
    IMessageStore messages,
    IPresenceTracker presence,
    ITypingTracker typing,
    IRateLimiter rateLimiter,
    IUserStore users,
    IChatBroadcaster broadcaster,
    ReadStateService readState,
    MentionResolver mentionResolver,
    ChatMetrics metrics,
    IOptions<RateLimitOptions> rateLimits,
    IOptions<LimitsOptions> limits,
    ILogger<ChatRoomService> logger)
{
    private readonly RateLimitOptions _rateLimits = rateLimits.Value;
    private readonly LimitsOptions _limits = limits.Value;

    /// <summary>A new connection of the user; refused when the user already holds the most allowed, on any instance.</summary>
    public async Task ConnectAsync(string userName, string connectionId, CancellationToken cancellationToken)
    {
        if (!await presence.ConnectAsync(userName, connectionId, _limits.MaxConnectionsPerUser, cancellationToken))
        {
            throw new ChatException(ChatErrorKind.RateLimited, string.Create(CultureInfo.InvariantCulture, $"Too many connections (at most {_limits.MaxConnectionsPerUser} per user): close another tab or device first"));
        }
    }

    public async Task<RoomSnapshot> JoinAsync(string userName, string connectionId, string? room, string? sinceId, CancellationToken cancellationToken)
    {
        room = RoomNames.Validate(room);
        var since = ChatValidation.ParseOptionalId(sinceId, "sinceId");
        await EnsureReadableAsync(room, userName, cancellationToken);
        if (!await presence.IsJoinedAsync(room, connectionId, cancellationToken))
        {
            await EnsureMayJoinAnotherAsync(room, userName, connectionId, cancellationToken);
        }

        // Subscribe before reading history: a message posted in between arrives as an event (clients
        // de-duplicate by id) instead of being missed.
        await broadcaster.SubscribeAsync(connectionId, room, cancellationToken);
        if (await presence.JoinAsync(room, userName, connectionId, cancellationToken))
        {
            ChatLog.UserJoined(logger, room, userName, connectionId);
            await broadcaster.UserJoinedAsync(room, userName, cancellationToken);
        }

        // On resume, the entries after sinceId hold its changes too: what they changed at or before sinceId is `updated`.
        IReadOnlyList<ChatMessage> page, updated = [];
        bool hasMore;
        if (since is { } after)
        {
            var entries = await messages.GetAfterAsync(room, after, ChatLimits.MaxResumeMessages, cancellationToken);
            (page, hasMore, updated) = (entries.Messages, entries.HasMore, entries.UpdatedAtOrBefore(after));
        }
        else
        {
            var latest = await messages.GetBeforeAsync(room, null, ChatLimits.JoinSnapshotSize, cancellationToken);
            (page, hasMore) = (latest.Messages, latest.HasMore);
        }

        var online = await presence.GetOnlineUsersAsync(room, cancellationToken);
        var typists = await typing.GetTypingAsync(room, cancellationToken);
        var marker = await readState.GetMarkerAsync(userName, room, cancellationToken);
        return new RoomSnapshot(room, page, hasMore, online, typists, updated, marker?.ToString());
    }

    public async Task LeaveAsync(string userName, string connectionId, string? room, CancellationToken cancellationToken)
    {
        room = RoomNames.Validate(room);
        await broadcaster.UnsubscribeAsync(connectionId, room, cancellationToken);
        if (await presence.LeaveAsync(room, userName, connectionId, cancellationToken))
        {
            ChatLog.UserLeft(logger, room, userName, connectionId);
            await StopTypingQuietlyAsync(room, userName, cancellationToken);
            await broadcaster.UserLeftAsync(room, userName, cancellationToken);
        }
    }

    /// <param name="clientAddress">The client's address (the forwarded one behind a trusted proxy); null when the host has none.</param>
    public Task<ChatMessage> SendAsync(string userName, string connectionId, string? clientAddress, string? room, string? text, string? clientMessageId, CancellationToken cancellationToken) =>
        PostAsync(userName, connectionId, clientAddress, room, isReply: false, replyToId: null, text, clientMessageId, cancellationToken);

    /// <summary>A message quoting <paramref name="replyToId"/>, a message of the same room that is not deleted.</summary>
    public Task<ChatMessage> SendReplyAsync(string userName, string connectionId, string? clientAddress, string? room, string? replyToId, string? text, string? clientMessageId, CancellationToken cancellationToken) =>
        PostAsync(userName, connectionId, clientAddress, room, isReply: true, replyToId, text, clientMessageId, cancellationToken);

    private async Task<ChatMessage> PostAsync(string userName, string connectionId, string? clientAddress, string? room, bool isReply, string? replyToId, string? text, string? clientMessageId, CancellationToken cancellationToken)
    {
        room = RoomNames.Validate(room);
        RoomNames.EnsureAccess(room, userName);
        var replyId = isReply ? ChatValidation.ParseRequiredId(replyToId, "replyToId") : (MessageId?)null;
        var body = ChatValidation.ValidateText(text);
        clientMessageId = ChatValidation.ValidateClientMessageId(clientMessageId);
        await EnsureJoinedAsync(room, connectionId, "Join the room before sending", cancellationToken);
        var replyTo = replyId is { } quoted ? await QuoteAsync(room, quoted, cancellationToken) : null;
        var mentions = await mentionResolver.ResolveAsync(body, cancellationToken);

        // The rate limits are drawn by the store in the same step as the message is stored: one Redis round trip.
        var userBudget = new SendBudget(RateLimitBuckets.UserSends(userName), _rateLimits.PerUser);
        SendBudget[] budgets = clientAddress is null
            ? [userBudget]
            : [userBudget, new(RateLimitBuckets.AddressSends(clientAddress), _rateLimits.PerAddress)];
        PostedMessage posted;
        try
        {
            // Posting also ends the author's typing, in the same Redis round trip.
            posted = await messages.PostAsync(new NewMessage(room, userName, body, clientMessageId, replyTo, mentions, budgets), cancellationToken);
        }
        catch (ChatException exception) when (exception.Kind == ChatErrorKind.RateLimited)
        {
            ChatLog.RateLimited(logger, room, userName, connectionId);
            metrics.RateLimited();
            throw;
        }

        if (!posted.IsDuplicate) metrics.MessageStored();
        if (posted.EndedTyping)
        {
            await BroadcastTypingAsync(room, userName, isTyping: false, cancellationToken);
        }

        if (!posted.IsDuplicate && RoomNames.IsDirect(room))
        {
            await NotifyDirectRecipientAsync(room, userName, cancellationToken);
        }

        if (!posted.IsDuplicate)
        {
            await NotifyMentionedAsync(posted.Message, cancellationToken);
        }

        return posted.Message;
    }

    /// <param name="beforeArgument">How the caller named the id argument, for the error message.</param>
    public async Task<HistoryPage> GetHistoryAsync(string userName, string? room, string? beforeId, int limit, string beforeArgument, CancellationToken cancellationToken)
    {
        room = RoomNames.Validate(room);
        var before = ChatValidation.ParseOptionalId(beforeId, beforeArgument);
        limit = ChatValidation.ValidateLimit(limit);
        await EnsureReadableAsync(room, userName, cancellationToken);
        return await messages.GetBeforeAsync(room, before, limit, cancellationToken);
    }

    /// <summary>
    /// The room's validated name when <paramref name="userName"/> may read it (what reading its history needs); a
    /// <see cref="ChatException"/> otherwise. For work that reads a room later, such as an export.
    /// </summary>
    public async Task<string> EnsureCanReadAsync(string userName, string? room, CancellationToken cancellationToken)
    {
        var valid = RoomNames.Validate(room);
        await EnsureReadableAsync(valid, userName, cancellationToken);
        return valid;
    }

    public async Task StartTypingAsync(string userName, string connectionId, string? room, CancellationToken cancellationToken)
    {
        room = RoomNames.Validate(room);
        RoomNames.EnsureAccess(room, userName);
        await EnsureJoinedAsync(room, connectionId, "Join the room before typing", cancellationToken);
        if (await typing.StartAsync(room, userName, cancellationToken))
        {
            await BroadcastTypingAsync(room, userName, isTyping: true, cancellationToken);
        }
    }

    public async Task StopTypingAsync(string userName, string connectionId, string? room, CancellationToken cancellationToken)
    {
        room = RoomNames.Validate(room);
        RoomNames.EnsureAccess(room, userName);
        await EnsureJoinedAsync(room, connectionId, "Join the room before typing", cancellationToken);
        await StopTypingQuietlyAsync(room, userName, cancellationToken);
    }

    public async Task<string> OpenDirectRoomAsync(string userName, string? otherUserName, CancellationToken cancellationToken)
    {
        if (!ChatValidation.IsValidUserName(otherUserName))
        {
            throw ChatException.Invalid(ChatValidation.UserNameError(otherUserName)!);
        }

        var other = await users.FindAsync(otherUserName!, cancellationToken)
            ?? throw ChatException.NotFound($"No user named '{otherUserName}'");
        if (string.Equals(other.UserName, userName, StringComparison.OrdinalIgnoreCase))
        {
            throw ChatException.Invalid("A direct room needs another user");
        }

        return RoomNames.Direct(userName, other.UserName);
    }

    /// <summary>
    /// A page of the public rooms with members or history, plus the caller's own direct rooms: busiest first (users
    /// online), then by name; <paramref name="limit"/> null for <see cref="LimitsOptions.RoomListDefaultLimit"/>.
    /// Each carries the caller's read marker and unread count (capped per room; counted for the page only, concurrently).
    /// </summary>
    /// <remarks>Arrays, not any list: a hub result is serialized by its runtime type, which MessagePack must know.</remarks>
    public async Task<RoomPage> ListRoomsAsync(string userName, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var size = limit ?? _limits.RoomListDefaultLimit;
        if (size < 1 || size > _limits.RoomListMaxLimit)
        {
            throw ChatException.Invalid(string.Create(CultureInfo.InvariantCulture, $"limit must be between 1 and {_limits.RoomListMaxLimit}"));
        }

        var after = RoomListCursor.Parse(cursor);
        var online = await presence.GetOnlineCountsAsync(cancellationToken);
        var withHistory = await messages.GetRoomsAsync(cancellationToken);
        var page = online.Keys.Union(withHistory, StringComparer.Ordinal)
            .Where(room => RoomNames.CanAccess(room, userName))
            .Select(room => new RoomInfo(room, online.GetValueOrDefault(room)))
            .Where(room => after is not { } start || start.Precedes(room))
            .OrderByDescending(room => room.Online)
            .ThenBy(room => room.Room, StringComparer.Ordinal)
            .Take(size + 1)
            .ToArray();
        var rooms = page.Length > size ? page[..size] : page;
        var markers = await readState.GetMarkersAsync(userName, cancellationToken);
        var unread = await Task.WhenAll(rooms.Select(info => readState.CountUnreadAsync(userName, info.Room, markers.TryGetValue(info.Room, out var id) ? id : null, cancellationToken)));
        RoomInfo[] withUnread = [.. rooms.Select((info, i) => info with { Unread = unread[i], LastReadId = markers.TryGetValue(info.Room, out var id) ? id.ToString() : null })];
        return page.Length > size
            ? new RoomPage(withUnread, new RoomListCursor(page[size - 1].Online, page[size - 1].Room).Encode())
            : new RoomPage(withUnread, null);
    }

    /// <summary>A connection closed: it leaves every room, and the rooms hear of users who are now gone.</summary>
    public async Task DisconnectAsync(string userName, string connectionId, CancellationToken cancellationToken) =>
        await AnnounceDeparturesAsync(userName, connectionId, await presence.DisconnectAsync(userName, connectionId, cancellationToken), cancellationToken);

    /// <summary>Tells the rooms about a connection that is gone (closed here, or swept after its instance died).</summary>
    public async Task AnnounceDeparturesAsync(string userName, string connectionId, IEnumerable<RoomDeparture> departures, CancellationToken cancellationToken)
    {
        foreach (var departure in departures)
        {
            await StopTypingQuietlyAsync(departure.Room, userName, cancellationToken);
            if (departure.UserLeft)
            {
                ChatLog.UserLeft(logger, departure.Room, userName, connectionId);
                await broadcaster.UserLeftAsync(departure.Room, userName, cancellationToken);
            }
        }
    }

    /// <summary>Broadcasts the end of typing that expired without a <c>StopTyping</c>.</summary>
    public async Task ExpireTypingAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in await typing.RemoveExpiredAsync(cancellationToken))
        {
            await BroadcastTypingAsync(entry.Room, entry.User, isTyping: false, cancellationToken);
        }
    }

    /// <summary>The other user of a direct room hears of a message there when none of their connections has joined it.</summary>
    private async Task NotifyDirectRecipientAsync(string room, string sender, CancellationToken cancellationToken)
    {
        var recipient = RoomNames.Other(room, sender);
        var account = await users.FindAsync(recipient, cancellationToken);
        if (account is not null && (await presence.GetConnectionsAsync(room, account.UserName, cancellationToken)).Count == 0)
        {
            await broadcaster.DirectRoomActivityAsync(account.UserName, room, sender, cancellationToken);
        }
    }

    private async Task<ReplyReference> QuoteAsync(string room, MessageId id, CancellationToken cancellationToken)
    {
        var original = await messages.FindAsync(room, id, cancellationToken) ?? throw ChatException.NotFound($"No message '{id}' in this room");
        return original.IsDeleted ? throw ChatException.Invalid("The message was deleted") : ReplyExcerpt.For(original);
    }

    /// <summary>
    /// Each mentioned user who may read the room and has no connection in it hears of the message on every connection
    /// (through SignalR, so on every instance); members see it in the room already.
    /// </summary>
    private async Task NotifyMentionedAsync(ChatMessage message, CancellationToken cancellationToken)
    {
        foreach (var user in message.Mentions ?? [])
        {
            if (!string.Equals(user, message.User, StringComparison.OrdinalIgnoreCase)
                && RoomNames.CanAccess(message.Room, user)
                && (await presence.GetConnectionsAsync(message.Room, user, cancellationToken)).Count == 0)
            {
                await broadcaster.MentionedAsync(user, message.Room, message, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The caller may read <paramref name="room"/>: a public room, or a direct room of the caller's whose other user
    /// exists (a room named after someone not registered would otherwise wait, history and all, for whoever takes the
    /// name). Sends need a join, so they are covered too.
    /// </summary>
    private async Task EnsureReadableAsync(string room, string userName, CancellationToken cancellationToken)
    {
        RoomNames.EnsureAccess(room, userName);
        if (RoomNames.IsDirect(room) && await users.FindAsync(RoomNames.Other(room, userName), cancellationToken) is null)
        {
            throw ChatException.NotFound($"No user named '{RoomNames.Other(room, userName)}'");
        }
    }

    /// <summary>The connection may join one more room, and the user may bring one more new public room into being.</summary>
    private async Task EnsureMayJoinAnotherAsync(string room, string userName, string connectionId, CancellationToken cancellationToken)
    {
        if (await presence.CountRoomsAsync(connectionId, cancellationToken) >= _limits.MaxRoomsPerConnection)
        {
            throw ChatException.Invalid(string.Create(CultureInfo.InvariantCulture, $"Too many rooms on this connection (at most {_limits.MaxRoomsPerConnection}): leave one first"));
        }

        if (RoomNames.IsDirect(room)
            || (await presence.GetOnlineUsersAsync(room, cancellationToken)).Count > 0
            || (await messages.GetBeforeAsync(room, null, 1, cancellationToken)).Messages.Count > 0)
        {
            return;
        }

        var decision = await rateLimiter.TryAcquireAsync(RateLimitBuckets.RoomCreations(userName), _limits.RoomCreations, cancellationToken);
        if (!decision.Allowed)
        {
            var seconds = RateLimitDecision.WholeSeconds(decision.RetryAfter);
            throw new ChatException(ChatErrorKind.RateLimited, string.Create(CultureInfo.InvariantCulture, $"Too many new rooms (at most {_limits.RoomsCreatedPerHour} an hour); join an existing one or retry in {seconds} s"));
        }
    }

    private async Task EnsureJoinedAsync(string room, string connectionId, string message, CancellationToken cancellationToken)
    {
        if (!await presence.IsJoinedAsync(room, connectionId, cancellationToken))
        {
            throw ChatException.Invalid(message);
        }
    }

    private async Task StopTypingQuietlyAsync(string room, string userName, CancellationToken cancellationToken)
    {
        if (await typing.StopAsync(room, userName, cancellationToken))
        {
            await BroadcastTypingAsync(room, userName, isTyping: false, cancellationToken);
        }
    }

    private Task BroadcastTypingAsync(string room, string userName, bool isTyping, CancellationToken cancellationToken) =>
        broadcaster.TypingChangedAsync(room, userName, isTyping, cancellationToken);
}
