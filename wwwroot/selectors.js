// Questions about the page's state that views and modules share: names, labels, the current room, the sidebar's
// lists. Pure, like chat-state.js, and unit-tested with it.

import { directPeer, isDirectRoom } from './chat-model.js';

export function displayName(state, name) {
    return state.names.get((name || '').toLowerCase()) || name;
}

/** How a room is named everywhere on the page: "#general", or "@Ada" for a direct room. */
export function roomLabel(state, room) {
    return isDirectRoom(room) ? `@${displayName(state, directPeer(room, state.user))}` : `#${room}`;
}

export function currentRoom(state) {
    return state.current ? state.rooms.get(state.current) ?? null : null;
}

/**
 * The sidebar's "other rooms": public rooms this user has not joined, busiest first. Rooms with nobody online are
 * listed apart as quiet, so a list that keeps every room ever used does not read as a wall of "0 online".
 */
export function otherRooms(state) {
    const rooms = state.directory
        .filter((info) => info && typeof info.room === 'string' && !isDirectRoom(info.room) && !state.rooms.has(info.room))
        .map((info) => ({ room: info.room, online: Number(info.online) || 0 }))
        .sort((a, b) => (b.online - a.online) || a.room.localeCompare(b.room));
    return { active: rooms.filter((r) => r.online > 0), quiet: rooms.filter((r) => r.online === 0) };
}

export function unreadTotal(state) {
    let total = 0;
    for (const r of state.rooms.values()) {
        total += r.unread;
    }
    return total;
}
