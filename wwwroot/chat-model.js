// Pure helpers shared by the page: validation, message ids, room names, error text, grouping.
// Nothing here touches the DOM or the connection, so it can be reasoned about (and tested) alone (node --test).

import { dayKey } from './dates.js';

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

/** The index of the message with this id in a list sorted by id, or -1 (a binary search). */
export function indexOfId(items, id) {
    let low = 0;
    let high = items.length - 1;
    while (low <= high) {
        const middle = (low + high) >>> 1;
        const order = compareIds(items[middle].id, id);
        if (order === 0) {
            return middle;
        }
        if (order < 0) {
            low = middle + 1;
        } else {
            high = middle - 1;
        }
    }
    return -1;
}

/**
 * A room's messages with `incoming` added: sorted by id, each id once, the old array left as it was. Snapshots, live
 * events, catch-up and history pages all come through here, so a message delivered twice (reconnect catch-up, a send's
 * reply and its broadcast) shows once. Returns the same array when nothing was new.
 */
export function mergeMessages(items, incoming) {
    const fresh = incoming
        .filter((message) => message && typeof message.id === 'string' && indexOfId(items, message.id) < 0)
        .sort((a, b) => compareIds(a.id, b.id))
        .filter((message, index, sorted) => index === 0 || sorted[index - 1].id !== message.id);
    if (fresh.length === 0) {
        return items;
    }
    // Almost always an append (live) or a prepend (history): no merge walk needed then.
    if (items.length === 0 || compareIds(items[items.length - 1].id, fresh[0].id) < 0) {
        return items.concat(fresh);
    }
    if (compareIds(fresh[fresh.length - 1].id, items[0].id) < 0) {
        return fresh.concat(items);
    }
    const merged = [];
    let i = 0;
    let j = 0;
    while (i < items.length || j < fresh.length) {
        if (j >= fresh.length || (i < items.length && compareIds(items[i].id, fresh[j].id) < 0)) {
            merged.push(items[i++]);
        } else {
            merged.push(fresh[j++]);
        }
    }
    return merged;
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

/** Reconnect backoff that never gives up: quick first tries, then about every 10-15 s with jitter. */
export function reconnectDelay(previousRetryCount) {
    const steps = [0, 1000, 2000, 4000, 7000];
    const base = previousRetryCount < steps.length ? steps[previousRetryCount] : 10_000;
    return base + Math.floor(Math.random() * (base === 0 ? 250 : base / 2));
}

const GROUP_GAP_MS = 5 * 60_000;

/** Messages from the same sender within five minutes on the same day are drawn as one group. */
export function continues(previous, message) {
    if (!previous || !sameUser(previous.user, message.user) || dayKey(previous.sentAt) !== dayKey(message.sentAt)) {
        return false;
    }
    const gap = new Date(message.sentAt) - new Date(previous.sentAt);
    return gap >= 0 && gap < GROUP_GAP_MS;
}
