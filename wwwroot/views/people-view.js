// Who is in the room on screen: the signed-in user first, then everyone else by name, each with a Message button
// that opens a direct room (always visible, so a keyboard or a touch reaches it without hovering), and what an
// empty list means.

import { isDirectRoom, sameUser } from '../chat-model.js';
import { currentRoom } from '../selectors.js';
import { avatar, byId, el, mount, reconcile, showText } from './dom.js';

const byName = new Intl.Collator(undefined, { sensitivity: 'base' });

function personEntry(name, me, actions) {
    const self = sameUser(name, me);
    return {
        key: name.toLowerCase(),
        signature: name,
        create: () => el('li', { class: 'person', dataset: { user: name, testid: 'presence-entry' } },
            avatar(name, 'small'),
            el('span', { class: 'person-name' }, name),
            self ? el('span', { class: 'muted small' }, '(you)') : el('button', {
                type: 'button',
                class: 'text-button small dm-button',
                'aria-label': `Message ${name}`,
                dataset: { testid: 'dm-button' },
                onclick: () => actions.openDirect(name),
            }, 'Message')),
    };
}

function emptyText(roomState, others) {
    if (!roomState) {
        return 'Open a room to see who is in it.';
    }
    if (!roomState.joined) {
        return 'Joining…';
    }
    if (others > 0) {
        return '';
    }
    return isDirectRoom(roomState.room) ? 'They are not here right now; your messages wait for them.'
        : 'Nobody else is here yet. Share the room name to invite someone.';
}

export function peopleView(store, actions) {
    let drawnFor = null;
    mount(store, (state) => {
        const roomState = state.user ? currentRoom(state) : null;
        const online = roomState ? roomState.online : null;
        if (online === drawnFor && roomState) {
            return;
        }
        drawnFor = online;
        const names = online ? [...online.values()] : [];
        names.sort((a, b) => {
            if (sameUser(a, state.user)) return -1;
            if (sameUser(b, state.user)) return 1;
            return byName.compare(a, b);
        });
        reconcile(byId('presence'), names.map((name) => personEntry(name, state.user, actions)));
        byId('presence-count').textContent = roomState?.joined ? String(names.length) : '';
        const others = names.filter((name) => !sameUser(name, state.user)).length;
        showText(byId('presence-empty'), emptyText(roomState, others));
    });
}
