// The server's read markers on the page: its unread counts (RoomInfo.unread) for rooms not in view, so a fresh page
// or another device starts with the right badges; a marker moved by another tab or device clearing a room's badge
// once it reaches the newest message; and the "new messages" divider placed from the marker when a room is opened.
// Pure: state in, state out.
//
// A room's state gains `lastReadId` (the marker as this page last heard it: JoinRoom, ListRooms, ReadMarkerChanged,
// or its own MarkRead) and `newSince` (the marker as it stood when the room was opened: the divider goes above the
// first message after it that someone else sent; null for no divider this visit, undefined while not known yet).

import { compareIds, sameUser } from './chat-model.js';
import { markRead, updateRoom } from './chat-state.js';

/** The marker moves forward only, as the server's does. */
export function noteReadMarker(state, room, messageId) {
    return updateRoom(state, room, (r) => (!messageId || (r.lastReadId && compareIds(r.lastReadId, messageId) >= 0)
        ? r : { ...r, lastReadId: messageId }));
}

/** ListRooms' counts for the joined rooms other than the one being read, and every joined room's marker. */
export function applyServerUnread(state, directory) {
    return (directory ?? []).reduce((s, info) => {
        if (!info || !s.rooms.has(info.room)) {
            return s;
        }
        const marked = noteReadMarker(s, info.room, info.lastReadId);
        if (info.room === s.current || !Number.isInteger(info.unread)) {
            return marked;
        }
        return updateRoom(marked, info.room, (r) => (r.unread === info.unread ? r : { ...r, unread: info.unread }));
    }, state);
}

/** ReadMarkerChanged: read up to messageId elsewhere; the badge goes once that covers the newest message here. */
export function applyReadMarker(state, room, messageId) {
    const marked = noteReadMarker(state, room, messageId);
    const newest = marked.rooms.get(room)?.messages.at(-1);
    return newest && messageId && compareIds(newest.id, messageId) <= 0 ? markRead(marked, room) : marked;
}

/**
 * The room is opened: the divider's place is fixed from the marker as it stands now, and stays while the reader
 * reads (MarkRead moves the marker, not the divider) until the room is opened again. No marker yet (a room never
 * read), or nothing after it from someone else: no divider. A room not joined yet is fixed when its snapshot comes.
 */
export function fixDivider(state, room) {
    return updateRoom(state, room, (r) => {
        const marker = r.lastReadId ?? null;
        const newSince = !r.joined ? undefined
            : marker !== null && r.messages.some((m) => compareIds(m.id, marker) > 0 && !sameUser(m.user, state.user)) ? marker
                : null;
        return r.newSince === newSince ? r : { ...r, newSince };
    });
}

/** The id of the message the "new messages" divider goes above, or null. */
export function dividerBefore(roomState, me) {
    const since = roomState?.newSince;
    return since ? roomState.messages.find((m) => !m.deleted && !sameUser(m.user, me) && compareIds(m.id, since) > 0)?.id ?? null
        : null;
}
