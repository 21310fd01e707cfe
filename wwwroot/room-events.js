// What the hub tells about rooms, into the store: messages, people arriving and leaving (which also drive the
// sidebar's online counts, at once), and activity in a direct room this user has not joined. Messages also go to
// `notify(room, message)` (notifications.js decides whether they are worth a notification).

import { involvesMe, isDirectRoom } from './chat-model.js';
import { applyDeleted, applyEdited, applyReactions } from './message-changes.js';
import { addMessages, rememberName, reopenDirect } from './chat-state.js';
import { setPresence } from './presence-state.js';
import { applyReadMarker } from './unread.js';

export function roomEvents(store, rooms, { pageVisible, notify }) {
    return {
        messageReceived(message) {
            if (!message || !message.room) {
                return;
            }
            notify(message.room, message);
            const state = store.state;
            if (!state.rooms.has(message.room)) {
                if (isDirectRoom(message.room) && involvesMe(message.room, state.user)) {
                    rooms.joinInBackground(message.room);
                }
                return;
            }
            store.update((s) => addMessages(s, message.room, [message], 'live', pageVisible()));
        },

        messageEdited(message) {
            store.update((s) => applyEdited(s, message));
        },

        messageDeleted(room, messageId) {
            store.update((s) => applyDeleted(s, room, messageId));
        },

        reactionsChanged(room, messageId, reactions) {
            store.update((s) => applyReactions(s, room, messageId, reactions));
        },

        readMarkerChanged(room, messageId) {
            store.update((s) => applyReadMarker(s, room, messageId));
        },

        userJoined(room, userName) {
            store.update((s) => setPresence(s, room, userName, true));
        },

        userLeft(room, userName) {
            store.update((s) => setPresence(s, room, userName, false));
        },

        /** Someone wrote to us in a direct room we have not joined (or closed): open it, so the message shows as unread. */
        directRoomActivity(room, fromUser) {
            const state = store.state;
            if (!isDirectRoom(room) || !involvesMe(room, state.user) || state.rooms.has(room)) {
                return;
            }
            notify(room, { user: fromUser, text: 'sent you a direct message' });
            store.update((s) => {
                const reopened = reopenDirect(s, room);
                return { ...reopened, names: rememberName(reopened.names, fromUser) };
            });
            rooms.joinInBackground(room);
        },
    };
}
