// The server's read markers on the page: its unread counts (RoomInfo.unread) for rooms not in view, so a fresh page
// or another device starts with the right badges, and a marker moved by another tab or device clearing a room's
// badge once it reaches the newest message. Pure: state in, state out.

import { compareIds } from './chat-model.js';
import { markRead, updateRoom } from './chat-state.js';

/** ListRooms' counts for the joined rooms other than the one being read. */
export function applyServerUnread(state, directory) {
    return (directory ?? []).reduce((s, info) => {
        if (!info || info.room === s.current || !s.rooms.has(info.room) || !Number.isInteger(info.unread)) {
            return s;
        }
        return updateRoom(s, info.room, (r) => (r.unread === info.unread ? r : { ...r, unread: info.unread }));
    }, state);
}

/** ReadMarkerChanged: read up to messageId elsewhere; the badge goes once that covers the newest message here. */
export function applyReadMarker(state, room, messageId) {
    const newest = state.rooms.get(room)?.messages.at(-1);
    return newest && messageId && compareIds(newest.id, messageId) <= 0 ? markRead(state, room) : state;
}
