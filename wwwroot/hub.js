// The chat hub, typed: the one place that knows the hub's path and its method and event names (the public contract,
// docs/api.md). Everything else calls these methods and passes handlers by meaning.

export const HUB_PATH = '/hubs/chat';

export class ChatHub {
    #connection;

    constructor(connection) {
        this.#connection = connection;
    }

    /** RoomSnapshot: the latest 50 messages (sinceId null) or every message after sinceId (at most 500, hasMore). */
    joinRoom(room, sinceId) {
        return this.#connection.invoke('JoinRoom', room, sinceId ?? null);
    }

    leaveRoom(room) {
        return this.#connection.invoke('LeaveRoom', room);
    }

    /** ChatMessage; a repeated clientMessageId returns the first message again and broadcasts nothing. */
    sendMessage(room, text, clientMessageId) {
        return this.#connection.invoke('SendMessage', room, text, clientMessageId);
    }

    /** HistoryPage: up to `limit` (1..100) messages strictly before beforeId, oldest first. */
    getHistory(room, beforeId, limit) {
        return this.#connection.invoke('GetHistory', room, beforeId, limit);
    }

    startTyping(room) {
        return this.#connection.invoke('StartTyping', room);
    }

    stopTyping(room) {
        return this.#connection.invoke('StopTyping', room);
    }

    /** The dm: room id shared with userName. */
    openDirectRoom(userName) {
        return this.#connection.invoke('OpenDirectRoom', userName);
    }

    /** RoomInfo[]: rooms with members or history. */
    listRooms() {
        return this.#connection.invoke('ListRooms');
    }

    /** ChatMessage as edited (own messages only). */
    editMessage(room, messageId, text) {
        return this.#connection.invoke('EditMessage', room, messageId, text);
    }

    /** Tombstones an own message. */
    deleteMessage(room, messageId) {
        return this.#connection.invoke('DeleteMessage', room, messageId);
    }

    /** Reaction[]: the message's reactions after adding or removing this user's emoji. */
    toggleReaction(room, messageId, emoji) {
        return this.#connection.invoke('ToggleReaction', room, messageId, emoji);
    }

    /** ChatMessage with replyTo { id, user, excerpt }; clientMessageId deduplicates as for sendMessage. */
    sendReply(room, replyToId, text, clientMessageId) {
        return this.#connection.invoke('SendReply', room, replyToId, text, clientMessageId);
    }

    /** Moves this user's read marker forward to messageId (never back). */
    markRead(room, messageId) {
        return this.#connection.invoke('MarkRead', room, messageId);
    }

    /** { instanceId, mode }: which instance holds this connection. */
    getServerInfo() {
        return this.#connection.invoke('GetServerInfo');
    }

    /**
     * Subscribes the handlers to the hub's events: messageReceived(message), userJoined(room, userName),
     * userLeft(room, userName), typingChanged(room, userName, isTyping), directRoomActivity(room, fromUser),
     * messageEdited(message), messageDeleted(room, messageId), reactionsChanged(room, messageId, reactions),
     * mentioned(room, message), readMarkerChanged(room, messageId),
     * jobUpdated(jobStatus) (a background job of this user's: { jobId, kind, status, progress, error, resultUrl }).
     */
    on(handlers) {
        const events = {
            MessageReceived: handlers.messageReceived,
            UserJoined: handlers.userJoined,
            UserLeft: handlers.userLeft,
            TypingChanged: handlers.typingChanged,
            DirectRoomActivity: handlers.directRoomActivity,
            JobUpdated: handlers.jobUpdated,
            MessageEdited: handlers.messageEdited,
            MessageDeleted: handlers.messageDeleted,
            ReactionsChanged: handlers.reactionsChanged,
            Mentioned: handlers.mentioned,
            ReadMarkerChanged: handlers.readMarkerChanged,
        };
        for (const [name, handler] of Object.entries(events)) {
            if (handler) {
                this.#connection.on(name, handler);
            }
        }
    }
}
