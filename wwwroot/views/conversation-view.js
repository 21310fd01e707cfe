// The conversation's frame: the header (room, who is online, People and Leave), who is typing, the notice line
// above the composer, and what an empty conversation says.

import { isDirectRoom, typingText } from '../chat-model.js';
import { currentRoom, roomLabel } from '../selectors.js';
import { byId, changed, mount, showText } from './dom.js';

const NOTICE_MS = 10_000;

function emptyText(state, roomState) {
    if (!roomState) {
        return state.rooms.size ? 'Pick a room or a direct message in the menu.' : 'Join a room or open a direct message to start chatting.';
    }
    if (!roomState.joined) {
        return 'Joining…';
    }
    return isDirectRoom(roomState.room) ? `This is the start of your conversation with ${roomLabel(state, roomState.room)}. Say hello!`
        : 'No messages yet. Say hello!';
}

export function conversationView(store, actions) {
    let noticeTimer = 0;
    byId('leave').addEventListener('click', () => store.state.current && actions.requestLeave(store.state.current));
    byId('chat-error-close').addEventListener('click', () => actions.dismissNotice());

    mount(store, (state, previous) => {
        if (!state.user) {
            return;
        }
        const roomState = currentRoom(state);
        const room = roomState?.room ?? null;
        if (changed(state, previous, (s) => s.current) || changed(state, previous, (s) => s.names)) {
            byId('room-title').textContent = room ? roomLabel(state, room) : 'No room selected';
            byId('leave').hidden = !room;
            byId('leave-label').textContent = room && isDirectRoom(room) ? 'Close' : 'Leave';
            byId('people-toggle').hidden = !room;
        }
        const online = roomState?.joined ? roomState.online.size : null;
        byId('room-online').textContent = online === null ? '' : `${online} online`;
        byId('people-count').textContent = online === null ? '' : String(online);
        byId('typing').textContent = typingText(roomState ? [...roomState.typing.values()] : []);

        const pending = room ? state.outbox.some((entry) => entry.room === room) : false;
        const empty = byId('empty-state');
        empty.hidden = Boolean(roomState) && (roomState.messages.length > 0 || pending);
        empty.firstElementChild.textContent = emptyText(state, roomState);

        if (changed(state, previous, (s) => s.notice)) {
            showText(byId('chat-error-text'), state.notice);
            byId('chat-error').hidden = !state.notice;
            clearTimeout(noticeTimer);
            if (state.notice) {
                noticeTimer = setTimeout(() => actions.dismissNotice(), NOTICE_MS);
            }
        }
    });
}
