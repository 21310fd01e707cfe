// The sidebar: who is signed in and whether the page is connected, the rooms joined (their online counts follow
// presence events as they happen), direct messages, the other rooms (busy ones listed, quiet ones folded away),
// the join and direct-message forms, and the theme and about buttons.

import { directPeer, isDirectRoom } from '../chat-model.js';
import { displayName, otherRooms, unreadTotal } from '../selectors.js';
import { avatar, byId, changed, el, mount, reconcile, showText } from './dom.js';

const STATUS_TEXT = { connected: 'Online', connecting: 'Connecting…', reconnecting: 'Reconnecting…', disconnected: 'Offline', failed: 'Offline' };
const THEME_TEXT = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' };

function roomEntry(state, roomState, actions) {
    const { room } = roomState;
    const current = room === state.current;
    const direct = isDirectRoom(room);
    const peerKey = direct ? directPeer(room, state.user) : null;
    const peer = direct ? displayName(state, peerKey) : null;
    const online = direct ? roomState.online.has(peerKey) : roomState.online.size;
    const unread = roomState.unread > 99 ? '99+' : String(roomState.unread);
    return {
        key: room,
        signature: [current, peer, online, roomState.unread, roomState.joined].join('|'),
        create: () => el('li', { class: current ? 'room current' : 'room', dataset: { room, testid: 'room-entry' } },
            el('button', { type: 'button', class: 'room-button', 'aria-current': current ? 'true' : null, onclick: () => actions.selectRoom(room) },
                direct ? avatar(peer, 'small') : el('span', { class: 'hash', 'aria-hidden': 'true' }, '#'),
                el('span', { class: 'room-name' }, direct ? `@${peer}` : room),
                direct && online ? el('span', { class: 'online-dot', role: 'img', 'aria-label': 'online' }) : null,
                !direct && roomState.joined ? el('span', { class: 'online-count', dataset: { testid: 'online-count' } }, `${online} online`) : null,
                roomState.unread ? el('span', { class: 'badge', dataset: { testid: 'unread' }, 'aria-label': `${unread} unread` }, unread) : null)),
    };
}

function directoryEntry(info, actions) {
    return {
        key: info.room,
        signature: info.online,
        create: () => el('li', { class: 'room', dataset: { room: info.room, testid: 'directory-entry' } },
            el('button', { type: 'button', class: 'room-button', title: `Join #${info.room}`, onclick: () => actions.openRoom(info.room) },
                el('span', { class: 'hash', 'aria-hidden': 'true' }, '#'),
                el('span', { class: 'room-name' }, info.room),
                info.online ? el('span', { class: 'online-count', dataset: { testid: 'online-count' } }, `${info.online} online`) : null)),
    };
}

export function sidebarView(store, actions) {
    const submitted = (formId, inputId, action) => byId(formId).addEventListener('submit', async (event) => {
        event.preventDefault();
        if (await action(byId(inputId).value)) {
            byId(inputId).value = '';
        }
    });
    submitted('join-form', 'room-input', actions.joinRoom);
    submitted('dm-form', 'dm-input', actions.openDirect);
    byId('refresh-rooms').addEventListener('click', () => actions.refreshDirectory());
    byId('logout').addEventListener('click', () => actions.logout());
    byId('theme-toggle').addEventListener('click', () => actions.cycleTheme());
    byId('about-open').addEventListener('click', () => actions.openDialog({ kind: 'about' }));

    mount(store, (state, previous) => {
        if (!state.user) {
            return;
        }
        if (changed(state, previous, (s) => s.user)) {
            byId('me').textContent = state.user;
            byId('me-avatar').replaceWith(Object.assign(avatar(state.user), { id: 'me-avatar' }));
        }
        const status = state.connection.status;
        byId('me-status').textContent = STATUS_TEXT[status] ?? '';
        byId('me-status').dataset.state = status;
        byId('theme-toggle').textContent = THEME_TEXT[state.theme];
        showText(byId('room-error'), state.forms.room);
        showText(byId('dm-error'), state.forms.dm);
        if (changed(state, previous, (s) => s.rooms) || changed(state, previous, (s) => s.current)
            || changed(state, previous, (s) => s.names)) {
            const all = [...state.rooms.values()];
            reconcile(byId('joined-rooms'), all.filter((r) => !isDirectRoom(r.room)).map((r) => roomEntry(state, r, actions)));
            reconcile(byId('dm-list'), all.filter((r) => isDirectRoom(r.room)).map((r) => roomEntry(state, r, actions)));
            byId('joined-empty').hidden = all.some((r) => !isDirectRoom(r.room));
            byId('dm-empty').hidden = all.some((r) => isDirectRoom(r.room));
            const unread = unreadTotal(state);
            document.title = unread ? `(${unread}) ChatServer` : 'ChatServer';
        }
        if (changed(state, previous, (s) => s.directory) || changed(state, previous, (s) => s.rooms)) {
            const { active, quiet } = otherRooms(state);
            reconcile(byId('room-list'), active.map((info) => directoryEntry(info, actions)));
            reconcile(byId('quiet-room-list'), quiet.map((info) => directoryEntry(info, actions)));
            byId('quiet-rooms').hidden = quiet.length === 0;
            byId('quiet-count').textContent = String(quiet.length);
            byId('room-list-empty').hidden = active.length + quiet.length > 0;
        }
    });
}
