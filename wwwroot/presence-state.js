// Who is in a room and who is typing, as pure changes to the page's state (chat-state.js), like the rest of it.

import { sameUser } from './chat-model.js';
import { rememberName, updateRoom, withEntry, withoutKey } from './chat-state.js';

export function setPresence(state, room, userName, online) {
    if (!userName) {
        return state;
    }
    const key = userName.toLowerCase();
    const next = updateRoom(state, room, (r) => {
        if (online === r.online.has(key)) {
            return r;
        }
        const changed = online ? withEntry(r.online, key, userName) : withoutKey(r.online, key);
        return { ...r, online: changed, typing: online ? r.typing : withoutKey(r.typing, key) };
    });
    const names = online ? rememberName(next.names, userName) : next.names;
    return names === next.names ? next : { ...next, names };
}

export function setTyping(state, room, userName, isTyping) {
    if (!userName || sameUser(userName, state.user)) {
        return state;
    }
    const key = userName.toLowerCase();
    return updateRoom(state, room, (r) => {
        if (isTyping === r.typing.has(key)) {
            return r;
        }
        return { ...r, typing: isTyping ? withEntry(r.typing, key, userName) : withoutKey(r.typing, key) };
    });
}

/** Nobody is typing anywhere (the connection dropped: the indicators would never be switched off). */
export function clearTyping(state) {
    let next = state;
    for (const [room, r] of state.rooms) {
        if (r.typing.size) {
            next = updateRoom(next, room, (x) => ({ ...x, typing: new Map() }));
        }
    }
    return next;
}
