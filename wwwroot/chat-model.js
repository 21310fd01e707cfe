// Pure helpers shared by the page: validation, message ids, room names, error text.
// Nothing here touches the DOM or the connection, so it can be reasoned about (and tested) alone.

export const ROOM_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const USER_PATTERN = /^[A-Za-z0-9_.-]{2,32}$/;
export const MAX_MESSAGE_LENGTH = 4000;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Characters as the server counts them (text elements): an emoji with its modifiers is one. */
export function textLength(text) {
    let count = 0;
    for (const _ of graphemes.segment(text)) {
        count++;
    }
    return count;
}

const ID_PATTERN = /^(\d+)-(\d+)$/;

/** Orders two message ids of the form "<ms>-<seq>" (digits); works past 2^53 by comparing digit strings. */
export function compareIds(a, b) {
    const ma = ID_PATTERN.exec(a);
    const mb = ID_PATTERN.exec(b);
    if (!ma || !mb) {
        return a < b ? -1 : a > b ? 1 : 0;
    }
    return compareDigits(ma[1], mb[1]) || compareDigits(ma[2], mb[2]);
}

function compareDigits(x, y) {
    x = x.replace(/^0+(?=\d)/, '');
    y = y.replace(/^0+(?=\d)/, '');
    if (x.length !== y.length) {
        return x.length < y.length ? -1 : 1;
    }
    return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * A room's messages: sorted by id, each id once. Snapshots, live events and history pages all
 * go through insert(), so a message delivered twice (reconnect catch-up, send reply + broadcast)
 * shows once.
 */
export class MessageLog {
    constructor() {
        this.items = [];
        this.ids = new Set();
    }

    get oldestId() { return this.items.length ? this.items[0].id : null; }

    get newestId() { return this.items.length ? this.items[this.items.length - 1].id : null; }

    has(id) { return this.ids.has(id); }

    /** Inserts a message; returns its index, or -1 when it was already there. */
    insert(message) {
        if (!message || typeof message.id !== 'string' || this.ids.has(message.id)) {
            return -1;
        }
        this.ids.add(message.id);
        // Almost always an append; walk back from the end otherwise (history pages are prepends).
        let index = this.items.length;
        while (index > 0 && compareIds(this.items[index - 1].id, message.id) > 0) {
            index--;
        }
        this.items.splice(index, 0, message);
        return index;
    }
}

/**
 * A ChatMessage as the page keeps it, whichever hub protocol carried it: MessagePack delivers sentAt as a Date
 * (its timestamp type), JSON as an ISO-8601 string; the page renders and compares the string.
 */
export function fromWire(message) {
    return message.sentAt instanceof Date ? { ...message, sentAt: message.sentAt.toISOString() } : message;
}

/** 'messagepack' when asked for with ?protocol=messagepack (remembered), 'json' otherwise (or after ?protocol=json). */
export function chooseProtocol(search, storage) {
    const asked = new URLSearchParams(search).get('protocol');
    if (asked === 'json' || asked === 'messagepack') {
        storage.setItem('chat.protocol', asked);
        return asked;
    }
    return storage.getItem('chat.protocol') === 'messagepack' ? 'messagepack' : 'json';
}

export function isDirectRoom(room) {
    return room.startsWith('dm:');
}

/** The other participant of "dm:a:b" as seen by me (both lower-cased by the server). */
export function directPeer(room, me) {
    const parts = room.split(':');
    if (parts.length !== 3) {
        return room;
    }
    const mine = (me || '').toLowerCase();
    return parts[1] === mine ? parts[2] : parts[1];
}

export function involvesMe(room, me) {
    const parts = room.split(':');
    const mine = (me || '').toLowerCase();
    return parts.length === 3 && (parts[1] === mine || parts[2] === mine);
}

export function roomLabel(room, me) {
    return isDirectRoom(room) ? `@${directPeer(room, me)}` : `#${room}`;
}

export function sameUser(a, b) {
    return (a || '').toLowerCase() === (b || '').toLowerCase();
}

/**
 * Turns an error from invoke() into text for a person. The server's HubException arrives as
 * "An unexpected error occurred invoking 'X' on the server. HubException: <message>".
 */
export function hubErrorText(error) {
    const text = (error && error.message) || String(error);
    const marker = 'HubException: ';
    const at = text.indexOf(marker);
    if (at >= 0) {
        return text.slice(at + marker.length);
    }
    return text;
}

/** True when the error came from the server (a HubException), not from the transport. */
export function isServerError(error) {
    const text = (error && error.message) || '';
    return text.includes('HubException') || text.includes('on the server');
}

/** Describes who is typing, without the current user. */
export function typingText(names) {
    if (names.length === 0) {
        return '';
    }
    if (names.length === 1) {
        return `${names[0]} is typing…`;
    }
    if (names.length === 2) {
        return `${names[0]} and ${names[1]} are typing…`;
    }
    return `${names[0]}, ${names[1]} and ${names.length - 2} more are typing…`;
}

/** Local time for a message: "14:05" today, "Mon 14:05" this week, a date otherwise. */
export function formatTime(iso, now = new Date()) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) {
        return '';
    }
    const time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    if (date.toDateString() === now.toDateString()) {
        return time;
    }
    const ageDays = (now - date) / 86_400_000;
    if (ageDays >= 0 && ageDays < 6) {
        return `${date.toLocaleDateString([], { weekday: 'short' })} ${time}`;
    }
    return `${date.toLocaleDateString()} ${time}`;
}

/** Reconnect backoff that never gives up: quick first tries, then about every 10-15 s with jitter. */
export function reconnectDelay(previousRetryCount) {
    const steps = [0, 1000, 2000, 4000, 7000];
    const base = previousRetryCount < steps.length ? steps[previousRetryCount] : 10_000;
    return base + Math.floor(Math.random() * (base === 0 ? 250 : base / 2));
}
