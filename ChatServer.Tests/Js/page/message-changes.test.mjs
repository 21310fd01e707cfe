import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, signedIn, addMessages } from '../../../wwwroot/chat-state.js';
import { applyEdited, applyDeleted, applyReactions, applyUpdated } from '../../../wwwroot/message-changes.js';

const msg = (id, extra = {}) => ({ id, room: 'general', user: 'bob', text: `m${id}`, sentAt: '2025-11-24T10:00:00Z', clientMessageId: null, ...extra });
const withMessages = () => addMessages(signedIn(initialState(), 'Ada', { rooms: ['general'], current: 'general' }),
    'general', [msg('1-0'), msg('2-0')], 'snapshot');
const texts = (s) => s.rooms.get('general').messages.map((m) => m.text);

test('an edit replaces the text and keeps the order', () => {
    const s = applyEdited(withMessages(), msg('1-0', { text: 'fixed', editedAt: '2025-11-24T10:01:00Z' }));
    assert.deepEqual(texts(s), ['fixed', 'm2-0']);
    assert.equal(s.rooms.get('general').messages[0].editedAt, '2025-11-24T10:01:00Z');
});

test('a delete leaves a tombstone in place', () => {
    const s = applyDeleted(withMessages(), 'general', '2-0');
    const m = s.rooms.get('general').messages[1];
    assert.equal(m.deleted, true);
    assert.equal(m.text, '');
});

test('reactions replace the previous list', () => {
    const s = applyReactions(withMessages(), 'general', '1-0', [{ emoji: '👍', users: ['bob'] }]);
    assert.equal(s.rooms.get('general').messages[0].reactions[0].emoji, '👍');
});

test('unknown messages and rooms change nothing', () => {
    const before = withMessages();
    assert.equal(applyDeleted(before, 'general', '9-0'), before);
    assert.equal(applyReactions(before, 'elsewhere', '1-0', []), before);
    assert.equal(applyEdited(before, null), before);
});

test('updated from a snapshot applies every changed message', () => {
    const s = applyUpdated(withMessages(), [msg('1-0', { text: 'a' }), msg('2-0', { text: 'b' })]);
    assert.deepEqual(texts(s), ['a', 'b']);
});
