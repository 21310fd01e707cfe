import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, signedIn } from '../../../wwwroot/chat-state.js';
import { notificationFor } from '../../../wwwroot/notifications.js';

const ada = () => signedIn(initialState(), 'Ada', { rooms: ['general', 'dm:ada:bob'], current: 'general' });
const msg = (extra = {}) => ({ id: '1-0', room: 'general', user: 'bob', text: 'hello', sentAt: '2025-11-24T10:00:00Z', ...extra });

test('a direct message is titled by its sender and tagged by its room', () => {
    assert.deepEqual(notificationFor(ada(), 'dm:ada:bob', msg({ room: 'dm:ada:bob' })),
        { title: 'bob', body: 'hello', tag: 'chat:dm:ada:bob' });
});

test('a mention in a room, from its mentions or the Mentioned event, names the room', () => {
    const expected = { title: 'bob in #general', body: 'hi @ada', tag: 'chat:general' };
    assert.deepEqual(notificationFor(ada(), 'general', msg({ text: 'hi @ada', mentions: ['ada'] })), expected);
    assert.deepEqual(notificationFor(ada(), 'general', msg({ text: 'hi @ada' }), true), expected);
});

test('nothing for a plain room message, one\'s own message, or a deleted one; the body is an excerpt', () => {
    assert.equal(notificationFor(ada(), 'general', msg()), null);
    assert.equal(notificationFor(ada(), 'dm:ada:bob', msg({ user: 'ADA', room: 'dm:ada:bob' })), null);
    assert.equal(notificationFor(ada(), 'general', msg({ user: 'ada', mentions: ['Ada'] }), true), null);
    assert.equal(notificationFor(ada(), 'dm:ada:bob', msg({ deleted: true })), null);
    assert.equal(notificationFor(ada(), 'dm:ada:bob', msg({ text: 'x'.repeat(500) })).body.length, 120);
});
