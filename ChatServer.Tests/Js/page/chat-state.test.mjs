import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
    initialState, signedIn, signedOut, addMessages, applySnapshot, removeRoom, selectRoom,
} from '../../../wwwroot/chat-state.js';
import { clearTyping, setPresence, setTyping } from '../../../wwwroot/presence-state.js';
import { otherRooms, roomLabel, unreadTotal } from '../../../wwwroot/selectors.js';
import { enqueue } from '../../../wwwroot/outbox-rules.js';

const msg = (id, user = 'bob', extra = {}) => ({ id, room: 'general', user, text: `m${id}`, sentAt: '2025-11-24T10:00:00Z', clientMessageId: null, ...extra });
const ada = () => signedIn(initialState(), 'Ada', { rooms: ['general', 'dm:ada:bob', 'dm:bob:cy', 'Not A Room'], current: 'general' });

test('signing in keeps only rooms this user may be in, and the current one among them', () => {
    const state = ada();
    assert.deepEqual([...state.rooms.keys()], ['general', 'dm:ada:bob']);
    assert.equal(state.current, 'general');
    assert.equal(roomLabel(state, 'dm:ada:bob'), '@bob');
});

test('live messages from others count as unread unless the reader looks at the room', () => {
    let state = signedIn(initialState(), 'ada', { rooms: ['general', 'random'], current: 'general' });
    state = addMessages(state, 'general', [msg('1-0')], 'live', true);
    assert.equal(state.rooms.get('general').unread, 0, 'looking at it');
    state = addMessages(state, 'general', [msg('2-0')], 'live', false);
    assert.equal(state.rooms.get('general').unread, 1, 'the tab is hidden');
    state = addMessages(state, 'random', [msg('3-0'), msg('3-0'), msg('4-0', 'ada')], 'live', true);
    assert.equal(state.rooms.get('random').unread, 1, 'once each, never own messages');
    state = addMessages(state, 'random', [msg('1-5')], 'history', true);
    assert.equal(state.rooms.get('random').unread, 1, 'history is not news');
    assert.equal(unreadTotal(state), 2);
    assert.equal(selectRoom(state, 'random').rooms.get('random').unread, 0);
});

test('an own message settles its outbox entry, and a message ends its sender\'s typing', () => {
    let state = ada();
    state = { ...state, outbox: enqueue(state.outbox, { cmid: 'c1', room: 'general', text: 'hi' }) };
    state = setTyping(state, 'general', 'bob', true);
    state = addMessages(state, 'general', [msg('1-0', 'ADA', { clientMessageId: 'c1' }), msg('2-0', 'bob')], 'live');
    assert.deepEqual(state.outbox, []);
    assert.equal(state.rooms.get('general').typing.size, 0);
});

test('adding nothing new returns the same state, so nothing redraws', () => {
    let state = addMessages(ada(), 'general', [msg('1-0')], 'live');
    assert.equal(addMessages(state, 'general', [msg('1-0')], 'live'), state);
    assert.equal(addMessages(state, 'nowhere', [msg('2-0')], 'live'), state);
});

test('a snapshot sets presence and typing, and only a first join sets hasMore', () => {
    let state = ada();
    state = applySnapshot(state, 'general', { messages: [msg('1-0')], hasMore: true, online: ['Ada', 'Bob'], typing: ['Bob', 'Ada'] }, null);
    const room = state.rooms.get('general');
    assert.ok(room.joined && room.hasMore);
    assert.deepEqual([...room.online.values()], ['Ada', 'Bob']);
    assert.deepEqual([...room.typing.values()], ['Bob'], 'never the user themself');
    state = applySnapshot(state, 'general', { messages: [msg('2-0')], hasMore: false, online: ['Ada'], typing: [] }, '1-0');
    assert.equal(state.rooms.get('general').hasMore, true, 'a catch-up says nothing about older history');
    assert.deepEqual(state.rooms.get('general').messages.map((m) => m.id), ['1-0', '2-0']);
});

test('presence follows joins and leaves; leaving ends typing', () => {
    let state = setPresence(ada(), 'general', 'Cy', true);
    state = setTyping(state, 'general', 'cy', true);
    assert.equal(setPresence(state, 'general', 'Cy', true), state, 'already there');
    state = setPresence(state, 'general', 'CY', false);
    assert.equal(state.rooms.get('general').online.size, 0);
    assert.equal(state.rooms.get('general').typing.size, 0);
    state = setTyping(setTyping(state, 'general', 'bob', true), 'dm:ada:bob', 'bob', true);
    const cleared = clearTyping(state);
    assert.ok([...cleared.rooms.values()].every((r) => r.typing.size === 0));
});

test('removing the current room moves to the next and takes its unsent messages along', () => {
    let state = ada();
    state = { ...state, outbox: enqueue(enqueue(state.outbox, { cmid: 'a', room: 'general', text: 'x' }), { cmid: 'b', room: 'dm:ada:bob', text: 'y' }) };
    state = removeRoom(state, 'general');
    assert.equal(state.current, 'dm:ada:bob');
    assert.deepEqual(state.outbox.map((e) => e.cmid), ['b']);
});

test('signing out keeps unsent messages only when the session ended under the user', () => {
    let state = ada();
    state = { ...state, outbox: enqueue(state.outbox, { cmid: 'a', room: 'general', text: 'x' }) };
    const ended = signedOut(state, { notice: 'Sign in again', keep: true });
    assert.equal(ended.user, null);
    assert.equal(ended.keptFor, 'Ada');
    assert.deepEqual(ended.outbox.map((e) => [e.cmid, e.status]), [['a', 'queued']]);
    assert.equal(ended.auth.notice, 'Sign in again');
    const loggedOut = signedOut(state, {});
    assert.deepEqual(loggedOut.outbox, []);
    assert.equal(loggedOut.keptFor, null);
    const back = signedIn(ended, 'Ada', { rooms: ['general'], outbox: ended.outbox });
    assert.deepEqual(back.outbox.map((e) => e.cmid), ['a']);
});

test('other rooms leave out joined and direct rooms, and list quiet ones apart', () => {
    const state = {
        ...ada(),
        directory: [{ room: 'general', online: 3 }, { room: 'zeta', online: 0 }, { room: 'alpha', online: 0 },
            { room: 'busy', online: 5 }, { room: 'calm', online: 1 }, { room: 'dm:ada:bob', online: 1 }],
    };
    const { active, quiet } = otherRooms(state);
    assert.deepEqual(active, [{ room: 'busy', online: 5 }, { room: 'calm', online: 1 }]);
    assert.deepEqual(quiet.map((r) => r.room), ['alpha', 'zeta']);
});
