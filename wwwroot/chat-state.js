// The page's state and every change to it, as pure functions (state, …) → state that return a new object for what
// changed and share the rest, so views can tell what to redraw by comparing references. Unit-tested with node --test.

import { fromWire, indexOfId, involvesMe, isDirectRoom, mergeMessages, ROOM_PATTERN, sameUser } from './chat-model.js';
import { enqueue, removeEntry } from './outbox-rules.js';

export function initialState({ theme = 'system', protocol = 'json', notify = false } = {}) {
    return {
        user: null,
        auth: { busy: false, error: '', notice: '' },
        connection: { status: 'idle', attempt: 0, retryIn: 0, ready: false, server: null, connectionId: null, protocol },
        rooms: new Map(),            // room -> room state, in the order joined
        current: null,
        directory: [],               // ListRooms' answer: [{ room, online }]
        names: new Map(),            // lower-case name -> name as the server spells it
        closedDms: new Set(),        // direct rooms this user closed: not re-joined from the directory
        outbox: [],                  // messages not yet acknowledged (outbox-rules.js)
        notice: '',                  // an error shown above the composer
        returned: null,              // { text } of a message the user discarded, for the composer to take back
        forms: { room: '', dm: '' }, // errors under the sidebar's two forms
        ui: { drawer: null, dialog: null },
        exportJob: null,             // the room export the export dialog shows (exports.js)
        keptFor: null,               // signed out with unsent messages kept: whose they are
        theme,
        notify,                      // browser notifications wanted (notifications.js)
    };
}

export function newRoom(room) {
    return {
        room,
        messages: [],            // sorted by id, each once
        hasMore: false,          // older history exists on the server
        online: new Map(),       // lower-case name -> name
        typing: new Map(),       // lower-case name -> name
        unread: 0,
        joined: false,
        loadingHistory: false,
    };
}

export const withEntry = (map, key, value) => new Map(map).set(key, value);

/** Rooms a saved list may name for this user: public ones, and direct ones the user is part of. */
export function acceptableRoom(room, user) {
    return typeof room === 'string' && (ROOM_PATTERN.test(room) || (isDirectRoom(room) && involvesMe(room, user)));
}

/**
 * Signed in as `user`, with the rooms, direct rooms closed and unsent messages kept from before (same user only).
 * A room an unsent message is for is joined again even if the saved list lost it: the message is not dropped.
 */
export function signedIn(state, user, { rooms = [], current = null, closedDms = [], outbox = [] } = {}) {
    const wanted = [...rooms, ...outbox.map((entry) => entry.room)].filter((room) => acceptableRoom(room, user));
    const roomStates = new Map([...new Set(wanted)].map((room) => [room, newRoom(room)]));
    const kept = outbox.filter((entry) => roomStates.has(entry.room)).reduce(enqueue, []);
    return {
        ...state,
        user,
        auth: { busy: false, error: '', notice: '' },
        rooms: roomStates,
        current: roomStates.has(current) ? current : null,
        closedDms: new Set(closedDms),
        outbox: kept,
        keptFor: null,
        names: rememberName(state.names, user),
        notice: '',
        forms: { room: '', dm: '' },
        ui: { drawer: null, dialog: null },
    };
}

/**
 * Back to the sign-in form, saying why. `keep` keeps the unsent messages for when the same user signs in again (the
 * session ended under them; preferences.js keeps the rooms); a user who logs out takes nothing along.
 */
export function signedOut(state, { notice = '', keep = false } = {}) {
    const fresh = initialState({ theme: state.theme, protocol: state.connection.protocol, notify: state.notify });
    if (!keep) {
        return { ...fresh, auth: { ...fresh.auth, notice } };
    }
    return {
        ...fresh,
        auth: { ...fresh.auth, notice },
        outbox: state.outbox.map((entry) => ({ ...entry, status: 'queued' })),
        keptFor: state.outbox.length ? state.user : null,
    };
}

export function rememberName(names, name) {
    if (!name || names.get(name.toLowerCase()) === name) {
        return names;
    }
    return withEntry(names, name.toLowerCase(), name);
}

export function updateRoom(state, room, change) {
    const current = state.rooms.get(room);
    if (!current) {
        return state;
    }
    const next = change(current);
    return next === current ? state : { ...state, rooms: withEntry(state.rooms, room, next) };
}

export function addRoom(state, room) {
    return state.rooms.has(room) ? state : { ...state, rooms: withEntry(state.rooms, room, newRoom(room)) };
}

/** Forgets a room (and its unsent messages, which the caller reports); the next room becomes current. */
export function removeRoom(state, room) {
    if (!state.rooms.has(room)) {
        return state;
    }
    const rooms = new Map(state.rooms);
    rooms.delete(room);
    const current = state.current === room ? (rooms.keys().next().value ?? null) : state.current;
    return { ...state, rooms, current, outbox: state.outbox.filter((entry) => entry.room !== room) };
}

/** Leaves a room; a direct room stays closed (not re-joined from the directory) until its other user writes again. */
export function leaveRoom(state, room) {
    const left = removeRoom(state, room);
    return isDirectRoom(room) ? { ...left, closedDms: new Set(state.closedDms).add(room) } : left;
}

/** A closed direct room opens again: this user opened it, or its other user wrote. */
export function reopenDirect(state, room) {
    if (!state.closedDms.has(room)) {
        return state;
    }
    const closedDms = new Set(state.closedDms);
    closedDms.delete(room);
    return { ...state, closedDms };
}

export function selectRoom(state, room) {
    if (!state.rooms.has(room)) {
        return state;
    }
    const selected = { ...state, current: room, notice: '', ui: { ...state.ui, drawer: null } };
    return markRead(selected, room);
}

export function markRead(state, room) {
    return updateRoom(state, room, (r) => (r.unread ? { ...r, unread: 0 } : r));
}

/**
 * Adds messages to a room. `kind`: 'snapshot' | 'catch-up' | 'live' | 'history' | 'sent'. New messages from others
 * that arrive live or in a catch-up count as unread unless the reader is looking at the room. An own message that
 * arrives settles its outbox entry, whichever came first, the broadcast or the send's answer.
 */
export function addMessages(state, room, received, kind, pageVisible = true) {
    const roomState = state.rooms.get(room);
    if (!roomState || received.length === 0) {
        return state;
    }
    const incoming = received.map(fromWire);
    const messages = mergeMessages(roomState.messages, incoming);
    if (messages === roomState.messages) {
        return state;
    }
    const seen = new Set();
    const fresh = incoming.filter((m) => typeof m.id === 'string' && !seen.has(m.id) && seen.add(m.id)
        && indexOfId(roomState.messages, m.id) < 0);
    let { names, outbox } = state;
    let unread = roomState.unread;
    let typing = roomState.typing;
    const looking = room === state.current && pageVisible;
    for (const message of fresh) {
        names = rememberName(names, message.user);
        if (sameUser(message.user, state.user)) {
            outbox = message.clientMessageId ? removeEntry(outbox, message.clientMessageId) : outbox;
        } else {
            unread += (kind === 'live' || kind === 'catch-up') && !looking ? 1 : 0;
            typing = kind === 'live' ? withoutKey(typing, (message.user || '').toLowerCase()) : typing;
        }
    }
    const next = { ...roomState, messages, unread, typing };
    return { ...state, names, outbox, rooms: withEntry(state.rooms, room, next) };
}

export function withoutKey(map, key) {
    if (!map.has(key)) {
        return map;
    }
    const copy = new Map(map);
    copy.delete(key);
    return copy;
}

/** A JoinRoom answer: who is online and typing now, and the messages (all of them new to a first join). */
export function applySnapshot(state, room, snapshot, since, pageVisible = true) {
    let next = updateRoom(state, room, (r) => ({
        ...r,
        joined: true,
        hasMore: since === null ? Boolean(snapshot.hasMore) : r.hasMore,
        online: new Map((snapshot.online || []).map((name) => [name.toLowerCase(), name])),
        typing: new Map((snapshot.typing || []).filter((name) => !sameUser(name, state.user))
            .map((name) => [name.toLowerCase(), name])),
    }));
    const names = (snapshot.online || []).reduce(rememberName, next.names);
    next = names === next.names ? next : { ...next, names };
    return addMessages(next, room, snapshot.messages || [], since === null ? 'snapshot' : 'catch-up', pageVisible);
}

export function setConnection(state, change) {
    return { ...state, connection: { ...state.connection, ...change } };
}

export function setUi(state, change) {
    return { ...state, ui: { ...state.ui, ...change } };
}
