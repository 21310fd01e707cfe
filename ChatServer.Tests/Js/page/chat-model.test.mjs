import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
    compareIds, indexOfId, mergeMessages, textLength, fromWire, chooseProtocol, directPeer, involvesMe,
    hubErrorText, isServerError, typingText, continues, reconnectDelay,
} from '../../../wwwroot/chat-model.js';

const message = (id, extra = {}) => ({ id, room: 'r', user: 'ada', text: id, sentAt: '2025-11-24T10:00:00Z', ...extra });

test('ids compare by milliseconds then sequence, as numbers of any length', () => {
    assert.equal(compareIds('2-0', '10-0'), -1);
    assert.equal(compareIds('10-2', '10-10'), -1);
    assert.equal(compareIds('10-0', '10-0'), 0);
    assert.equal(compareIds('0010-1', '10-1'), 0);
    assert.equal(compareIds('99999999999999999999-1', '100000000000000000000-0'), -1, 'past 2^53');
    assert.equal(compareIds('9007199254740993-0', '9007199254740992-0'), 1);
});

test('indexOfId finds an id by binary search, -1 when absent', () => {
    const items = ['1-0', '1-1', '2-0', '10-0', '10-3'].map((id) => message(id));
    assert.equal(indexOfId(items, '10-0'), 3);
    assert.equal(indexOfId(items, '1-0'), 0);
    assert.equal(indexOfId(items, '3-0'), -1);
    assert.equal(indexOfId([], '1-0'), -1);
});

test('mergeMessages keeps order and each id once, whatever order and repeats arrive in', () => {
    const live = mergeMessages([], [message('5-0'), message('3-0')]);
    assert.deepEqual(live.map((m) => m.id), ['3-0', '5-0']);
    const again = mergeMessages(live, [message('5-0'), message('6-0'), message('6-0')]);
    assert.deepEqual(again.map((m) => m.id), ['3-0', '5-0', '6-0']);
    const older = mergeMessages(again, [message('1-0'), message('2-0')]);
    assert.deepEqual(older.map((m) => m.id), ['1-0', '2-0', '3-0', '5-0', '6-0']);
    const hole = mergeMessages(older, [message('4-0'), message('7-0'), message('2-0')]);
    assert.deepEqual(hole.map((m) => m.id), ['1-0', '2-0', '3-0', '4-0', '5-0', '6-0', '7-0']);
    assert.deepEqual(live.map((m) => m.id), ['3-0', '5-0'], 'the old array is left as it was');
});

test('mergeMessages returns the same array when nothing is new, and ignores what is not a message', () => {
    const items = [message('1-0')];
    assert.equal(mergeMessages(items, [message('1-0'), null, { id: 5 }]), items);
});

test('textLength counts text elements as the server does: an emoji with modifiers is one', () => {
    assert.equal(textLength('abc'), 3);
    assert.equal(textLength('👍🏽'), 1);
    assert.equal(textLength('👨‍👩‍👧‍👦!'), 2);
    assert.equal(textLength('é'), 1);
});

test('fromWire turns a MessagePack timestamp into the ISO string JSON carries', () => {
    const date = new Date('2025-11-24T10:00:00.123Z');
    assert.equal(fromWire(message('1-0', { sentAt: date })).sentAt, '2025-11-24T10:00:00.123Z');
    const json = message('1-0');
    assert.equal(fromWire(json), json);
});

test('chooseProtocol follows ?protocol= and remembers it', () => {
    const saved = new Map();
    const storage = { getItem: (k) => saved.get(k) ?? null, setItem: (k, v) => saved.set(k, v) };
    assert.equal(chooseProtocol('', storage), 'json');
    assert.equal(chooseProtocol('?protocol=messagepack', storage), 'messagepack');
    assert.equal(chooseProtocol('', storage), 'messagepack');
    assert.equal(chooseProtocol('?protocol=json', storage), 'json');
    assert.equal(chooseProtocol('?protocol=xml', storage), 'json');
});

test('direct rooms name the other user whoever asks, in any case', () => {
    assert.equal(directPeer('dm:ada:bob', 'Ada'), 'bob');
    assert.equal(directPeer('dm:ada:bob', 'bob'), 'ada');
    assert.ok(involvesMe('dm:ada:bob', 'BOB'));
    assert.ok(!involvesMe('dm:ada:bob', 'cy'));
    assert.ok(!involvesMe('general', 'ada'));
});

test('a HubException reads as its own message; a transport error is not the server\'s', () => {
    const refused = new Error("An unexpected error occurred invoking 'SendMessage' on the server. HubException: Rate limit exceeded; retry in 2 s");
    assert.equal(hubErrorText(refused), 'Rate limit exceeded; retry in 2 s');
    assert.ok(isServerError(refused));
    assert.ok(!isServerError(new Error('Invocation canceled due to the underlying connection being closed.')));
});

test('typingText names up to two people', () => {
    assert.equal(typingText([]), '');
    assert.equal(typingText(['ada']), 'ada is typing…');
    assert.equal(typingText(['ada', 'bob']), 'ada and bob are typing…');
    assert.equal(typingText(['ada', 'bob', 'cy', 'di']), 'ada, bob and 2 more are typing…');
});

test('a group continues for the same sender within five minutes on the same day', () => {
    const first = message('1-0', { sentAt: '2025-11-24T10:00:00Z' });
    assert.ok(continues(first, message('2-0', { sentAt: '2025-11-24T10:04:00Z', user: 'ADA' })));
    assert.ok(!continues(first, message('2-0', { sentAt: '2025-11-24T10:06:00Z' })));
    assert.ok(!continues(first, message('2-0', { sentAt: '2025-11-24T10:01:00Z', user: 'bob' })));
    assert.ok(!continues(null, first));
    const lateEvening = message('1-0', { sentAt: new Date(2025, 10, 24, 23, 59).toISOString() });
    const nextDay = message('2-0', { sentAt: new Date(2025, 10, 25, 0, 1).toISOString() });
    assert.ok(!continues(lateEvening, nextDay), 'a new day starts a new group under its separator');
});

test('reconnect delays grow and never give up', () => {
    assert.ok(reconnectDelay(0) < 250);
    assert.ok(reconnectDelay(3) >= 4000 && reconnectDelay(3) < 6000);
    assert.ok(reconnectDelay(50) >= 10_000 && reconnectDelay(50) < 15_000);
});
