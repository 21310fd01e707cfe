import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
    retryHintMs, backoffMs, afterFailure, dueEntries, nextRetryAt, enqueue, updateEntry, removeEntry, entriesFor,
} from '../../../wwwroot/outbox-rules.js';

const refusal = (text) => new Error(`An unexpected error occurred invoking 'SendMessage' on the server. HubException: ${text}`);

test('the retry hint is read from the server\'s words', () => {
    assert.equal(retryHintMs('Rate limit exceeded; retry in 2 s'), 2000);
    assert.equal(retryHintMs('Rate limit exceeded; retry in 1.5 s'), 1500);
    assert.equal(retryHintMs('retry in 300 ms'), 300);
    assert.equal(retryHintMs('Join the room before sending'), null);
    assert.equal(retryHintMs(undefined), null);
});

test('backoff doubles from a second and stops at a minute', () => {
    assert.deepEqual([1, 2, 3, 4].map(backoffMs), [1000, 2000, 4000, 8000]);
    assert.equal(backoffMs(30), 60_000);
});

test('a rate limit waits what the server said, then longer each time it repeats', () => {
    assert.deepEqual(afterFailure(refusal('Rate limit exceeded; retry in 2 s'), 1),
        { status: 'waiting', delayMs: 2000, error: 'Rate limit exceeded; retry in 2 s' });
    assert.equal(afterFailure(refusal('Rate limit exceeded; retry in 1 s'), 4).delayMs, 8000);
});

test('a refusal that does not say when waits for the user; a dropped connection is retried quietly', () => {
    assert.deepEqual(afterFailure(refusal('Not a member of this direct room'), 1),
        { status: 'failed', error: 'Not a member of this direct room' });
    const dropped = afterFailure(new Error('Invocation canceled due to the underlying connection being closed.'), 1);
    assert.equal(dropped.status, 'waiting');
    assert.equal(dropped.error, null);
    assert.ok(afterFailure(new Error('closed'), 9).delayMs <= 2000);
});

test('each room sends its messages one at a time, in the order written', () => {
    let outbox = [];
    for (const [cmid, room] of [['a1', 'a'], ['b1', 'b'], ['a2', 'a'], ['a3', 'a']]) {
        outbox = enqueue(outbox, { cmid, room, text: cmid });
    }
    assert.deepEqual(dueEntries(outbox, 0).map((e) => e.cmid), ['a1', 'b1']);
    outbox = updateEntry(outbox, 'a1', { status: 'sending' });
    assert.deepEqual(dueEntries(outbox, 0).map((e) => e.cmid), ['b1'], 'a2 waits for a1\'s answer');
    outbox = updateEntry(outbox, 'a1', { status: 'waiting', retryAt: 5000 });
    assert.deepEqual(dueEntries(outbox, 4999).map((e) => e.cmid), ['b1'], 'nothing overtakes a message waiting to retry');
    assert.deepEqual(dueEntries(outbox, 5000).map((e) => e.cmid), ['a1', 'b1']);
    assert.equal(nextRetryAt(outbox), 5000);
    outbox = updateEntry(outbox, 'a1', { status: 'failed' });
    assert.deepEqual(dueEntries(outbox, Infinity).map((e) => e.cmid), ['b1'], 'a failed message holds its room');
    outbox = removeEntry(outbox, 'a1');
    assert.deepEqual(dueEntries(outbox, 0).map((e) => e.cmid), ['b1', 'a2']);
    assert.deepEqual(entriesFor(outbox, 'a').map((e) => e.cmid), ['a2', 'a3']);
    assert.equal(nextRetryAt(outbox), null);
    assert.equal(removeEntry(outbox, 'nope'), outbox);
});

test('a reply waits in the outbox with its quote; a plain message has none', () => {
    const replyTo = { id: '1-0', user: 'bob', excerpt: 'hello' };
    const [reply, plain] = enqueue(enqueue([], { cmid: 'r', room: 'general', text: 'hi back', replyTo }), { cmid: 'p', room: 'general', text: 'hi' });
    assert.deepEqual(reply.replyTo, replyTo);
    assert.equal(plain.replyTo, null);
    assert.deepEqual(dueEntries([reply, plain], 0), [reply]);
});
