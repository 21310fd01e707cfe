// Changes to messages already shown: edits, deletions (a tombstone keeps the place and any replies' context) and
// reactions, whether live (hub events) or caught up (JoinRoom's `updated`). Pure: state in, state out.

import { indexOfId } from './chat-model.js';
import { updateRoom } from './chat-state.js';

/** Replaces the message with the same id by change(message); unknown ids change nothing. */
function changeMessage(state, room, messageId, change) {
    return updateRoom(state, room, (r) => {
        const at = indexOfId(r.messages, messageId);
        if (at < 0) {
            return r;
        }
        const messages = r.messages.slice();
        messages[at] = change(messages[at]);
        return { ...r, messages };
    });
}

/** A MessageEdited event, or a changed message from `updated`: the server's copy wins. */
export function applyEdited(state, message) {
    if (!message || !message.room || !message.id) {
        return state;
    }
    return changeMessage(state, message.room, message.id, (old) => ({ ...old, ...message }));
}

export function applyDeleted(state, room, messageId) {
    return changeMessage(state, room, messageId, (old) => ({ ...old, deleted: true, text: '', reactions: [] }));
}

export function applyReactions(state, room, messageId, reactions) {
    return changeMessage(state, room, messageId, (old) => ({ ...old, reactions: reactions || [] }));
}

/** JoinRoom's `updated`: older messages that changed while this page was away. */
export function applyUpdated(state, updated) {
    return (updated || []).reduce(applyEdited, state);
}
