// The rules of the outbox, apart from its timers and the connection, so they are unit-tested: what a failed send
// means, when to try it again, and which message goes next. Messages to a room leave in the order they were written:
// nothing queued behind a message that has not gone yet is sent before it, so the room never shows them swapped.
//
// An entry: { cmid, room, text, replyTo, status, error, attempts, retryAt }, replyTo the quoted message
// ({ id, user, excerpt }) of a reply or null, and status one of
//   queued   waiting for its turn, or for the connection
//   sending  handed to the hub, no answer yet
//   waiting  refused for now; sent again by itself at retryAt (the server said when, or the connection failed)
//   failed   refused for good (e.g. not a member): the user retries or discards it, and the room's queue waits

import { hubErrorText, isServerError } from './chat-model.js';

const BACKOFF_BASE_MS = 1000;
const BACKOFF_MAX_MS = 60_000;
const TRANSPORT_RETRY_MS = [250, 500, 1000, 2000];

/** "Rate limit exceeded; retry in 2 s" → 2000; null when the text does not say when. */
export function retryHintMs(text) {
    const match = /retry in (\d+(?:\.\d+)?)\s*(ms|s)\b/i.exec(text || '');
    if (!match) {
        return null;
    }
    const value = Number(match[1]);
    return Math.round(match[2].toLowerCase() === 'ms' ? value : value * 1000);
}

/** Doubles from a second up to a minute: a refusal repeated after waiting what the server said waits longer. */
export function backoffMs(attempt) {
    return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
}

/**
 * What to do after a send failed on its `attempt`-th try (1 for the first):
 *   { status: 'waiting', delayMs, error } to try again by itself, or { status: 'failed', error } to ask the user.
 * A transport failure (the connection dropped before the answer) is retried with the same clientMessageId, which the
 * server answers with the first message, so nothing is duplicated.
 */
export function afterFailure(error, attempt) {
    if (!isServerError(error)) {
        const delayMs = TRANSPORT_RETRY_MS[Math.min(attempt, TRANSPORT_RETRY_MS.length) - 1];
        return { status: 'waiting', delayMs, error: null };
    }
    const text = hubErrorText(error);
    const hint = retryHintMs(text);
    if (hint !== null) {
        return { status: 'waiting', delayMs: Math.max(hint, backoffMs(attempt)), error: text };
    }
    return { status: 'failed', error: text };
}

/** The room's entries in the order they were written. */
export function entriesFor(outbox, room) {
    return outbox.filter((entry) => entry.room === room);
}

/** The entries to hand to the hub now: for each room, its first entry, when it is queued or its wait is over. */
export function dueEntries(outbox, now) {
    const heads = new Map();
    for (const entry of outbox) {
        if (!heads.has(entry.room)) {
            heads.set(entry.room, entry);
        }
    }
    return [...heads.values()].filter((entry) =>
        entry.status === 'queued' || (entry.status === 'waiting' && entry.retryAt <= now));
}

/** When the next waiting head is due (ms since the epoch), or null when none waits. */
export function nextRetryAt(outbox) {
    const due = dueEntries(outbox, Infinity).filter((entry) => entry.status === 'waiting');
    return due.length ? Math.min(...due.map((entry) => entry.retryAt)) : null;
}

export function enqueue(outbox, { cmid, room, text, replyTo = null }) {
    return [...outbox, { cmid, room, text, replyTo, status: 'queued', error: null, attempts: 0, retryAt: 0 }];
}

export function updateEntry(outbox, cmid, change) {
    return outbox.map((entry) => (entry.cmid === cmid ? { ...entry, ...change } : entry));
}

export function removeEntry(outbox, cmid) {
    return outbox.some((entry) => entry.cmid === cmid) ? outbox.filter((entry) => entry.cmid !== cmid) : outbox;
}
