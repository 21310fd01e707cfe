import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, signedIn, addMessages } from '../../../wwwroot/chat-state.js';
import { applyReadMarker, applyServerUnread } from '../../../wwwroot/unread.js';

const msg = (id, room) => ({ id, room, user: 'bob', text: `m${id}`, sentAt: '2025-11-24T10:00:00Z', clientMessageId: null });
const twoRooms = () => {
    const s = signedIn(initialState(), 'Ada', { rooms: ['general', 'random'], current: 'general' });
    return addMessages(s, 'random', [msg('1-0', 'random'), msg('2-0', 'random')], 'snapshot');
};
const unread = (s, room) => s.rooms.get(room).unread;

test('the server counts rooms not in view; the current room and unknown rooms keep theirs', () => {
    const s = applyServerUnread(twoRooms(), [
        { room: 'general', unread: 5 }, { room: 'random', unread: 120 }, { room: 'elsewhere', unread: 3 }]);
    assert.equal(unread(s, 'general'), 0);
    assert.equal(unread(s, 'random'), 120);
    assert.equal(s.rooms.has('elsewhere'), false);
});

test('a read marker clears the badge only once it reaches the newest message', () => {
    const counted = applyServerUnread(twoRooms(), [{ room: 'random', unread: 2 }]);
    assert.equal(unread(applyReadMarker(counted, 'random', '1-0'), 'random'), 2);
    assert.equal(unread(applyReadMarker(counted, 'random', '2-0'), 'random'), 0);
    assert.equal(applyReadMarker(counted, 'nowhere', '2-0'), counted);
});
