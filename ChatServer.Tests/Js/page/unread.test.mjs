import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, signedIn, addMessages, updateRoom } from '../../../wwwroot/chat-state.js';
import { applyReadMarker, applyServerUnread, dividerBefore, fixDivider, noteReadMarker } from '../../../wwwroot/unread.js';

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

const joined = (s, room) => updateRoom(s, room, (r) => ({ ...r, joined: true }));
const from = (user, id) => ({ ...msg(id, 'random'), user });

test('the divider goes above the first message after the marker someone else sent, and stays as the marker moves', () => {
    let s = joined(addMessages(twoRooms(), 'random', [from('Ada', '3-0'), msg('4-0', 'random')], 'snapshot'), 'random');
    s = fixDivider(noteReadMarker(s, 'random', '2-0'), 'random');
    assert.equal(dividerBefore(s.rooms.get('random'), 'Ada'), '4-0');   // 3-0 is Ada's own
    s = noteReadMarker(s, 'random', '4-0');
    assert.equal(s.rooms.get('random').lastReadId, '4-0');
    assert.equal(dividerBefore(s.rooms.get('random'), 'Ada'), '4-0');
    assert.equal(noteReadMarker(s, 'random', '1-0'), s);   // never back
    s = fixDivider(s, 'random');   // opened again: all read
    assert.equal(dividerBefore(s.rooms.get('random'), 'Ada'), null);
});

test('no divider without a marker, only own messages after it, or before the room is joined', () => {
    const s = twoRooms();
    assert.equal(fixDivider(s, 'random').rooms.get('random').newSince, undefined);
    assert.equal(fixDivider(joined(s, 'random'), 'random').rooms.get('random').newSince, null);
    const own = joined(addMessages(s, 'random', [from('ada', '3-0')], 'live'), 'random');
    assert.equal(fixDivider(noteReadMarker(own, 'random', '2-0'), 'random').rooms.get('random').newSince, null);
});

test('ListRooms and ReadMarkerChanged carry the marker forward', () => {
    const listed = applyServerUnread(twoRooms(), [{ room: 'general', unread: 0, lastReadId: '9-0' }]);
    assert.equal(listed.rooms.get('general').lastReadId, '9-0');
    assert.equal(applyReadMarker(twoRooms(), 'random', '1-0').rooms.get('random').lastReadId, '1-0');
});
