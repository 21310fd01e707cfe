// ChatServer's browser page: sign-in, rooms, direct messages, history, presence and typing over the /hubs/chat SignalR
// hub (docs/api.md). This file only composes: one store holds the state and alone triggers rendering; the modules
// below change it (each one job), and the views in views/ draw it and turn clicks and keys into actions.

import { Account } from './account.js';
import { createActions } from './actions.js';
import { chooseProtocol } from './chat-model.js';
import { initialState } from './chat-state.js';
import { Connection } from './connection.js';
import { Exports } from './exports.js';
import { History } from './history.js';
import { Outbox } from './outbox.js';
import { MessageActions } from './message-actions.js';
import { Notifier } from './notifications.js';
import { Preferences } from './preferences.js';
import { roomEvents } from './room-events.js';
import { Rooms } from './rooms.js';
import { Store } from './store.js';
import { Typing } from './typing.js';
import { authView } from './views/auth-view.js';
import { bannerView } from './views/banner-view.js';
import { composerView } from './views/composer-view.js';
import { conversationView } from './views/conversation-view.js';
import { dialogsView } from './views/dialogs-view.js';
import { drawersView } from './views/drawers-view.js';
import { exportView } from './views/export-view.js';
import { messageListView } from './views/message-list-view.js';
import { notificationsView } from './views/notifications-view.js';
import { pageEvents, pageVisible } from './views/page-events.js';
import { peopleView } from './views/people-view.js';
import { sidebarView } from './views/sidebar-view.js';
import { themeView } from './views/theme-view.js';

const prefs = new Preferences(localStorage, sessionStorage);
const store = new Store(initialState({ theme: prefs.theme(), protocol: chooseProtocol(location.search, localStorage), notify: prefs.notify() }));
prefs.watch(store);

const connection = new Connection(store, {
    session: () => account.session,
    protocol: store.state.connection.protocol,
    events: () => ({
        ...roomEvents(store, rooms, { pageVisible, notify: (room, message) => notifier.message(room, message) }),
        ...typing.events, ...roomExports.events, ...notifier.events,
    }),
    resume: () => rooms.resumeAll(),
    refused: () => account.refused(),
});
const history = new History(store, connection);
const rooms = new Rooms(store, connection, history, { pageVisible });
const outbox = new Outbox(store, connection);
const typing = new Typing(store, connection);
const roomExports = new Exports(store, { session: () => account.session });
const messages = new MessageActions(store, connection);
const notifier = new Notifier(store, { pageVisible, open: (room) => rooms.open(room) });
const account = new Account(store, { connection, prefs, stopWork: () => { typing.stop(); rooms.stop(); roomExports.clear(); } });
const actions = createActions(store, { account, connection, rooms, history, outbox, typing, roomExports, messages, notifier });

for (const view of [themeView, authView, bannerView, sidebarView, conversationView, messageListView, composerView,
    peopleView, drawersView, dialogsView, exportView, notificationsView, pageEvents]) {
    view(store, actions);
}
account.restore();
