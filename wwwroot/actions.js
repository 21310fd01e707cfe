// What the user can do, as the views call it: each action goes to the module whose job it is. The views know
// nothing of the connection, the session or storage, and the modules nothing of the DOM.

import { setUi } from './chat-state.js';
import { THEMES } from './preferences.js';

export function createActions(store, { account, connection, rooms, history, outbox, typing, roomExports, messages, notifier }) {
    const ui = (change) => store.update((s) => setUi(s, change));
    const notice = (text) => store.update((s) => (s.notice === text ? s : { ...s, notice: text }));

    return {
        signIn: (userName, password, register) => account.submit(userName, password, register),
        /** Logging out with messages still unsent asks first: they would be lost. */
        logout: () => (store.state.outbox.length ? ui({ dialog: { kind: 'logout' } }) : account.logout()),
        storageChanged: (key) => account.onStorage(key),
        retryConnection: () => connection.retryNow(),

        joinRoom: (text) => rooms.openByName(text),
        openRoom: (room) => rooms.open(room),
        openDirect: (userName) => rooms.openDirect(userName),
        selectRoom: (room) => {
            typing.stop();
            rooms.select(room);
        },
        requestLeave: (room) => ui({ dialog: { kind: 'leave', room } }),
        refreshDirectory: () => rooms.refreshDirectory(),
        loadOlder: (room) => history.loadOlder(room),
        markRead: (room) => rooms.markRead(room),

        /** Queues the composer's text; false (and why, in the notice line) when it cannot go as written. */
        send: (text) => {
            if (!text.trim()) {
                return false;
            }
            typing.stop();
            const replyTo = messages.replyFor(store.state.current);
            const problem = outbox.send(store.state.current, text, replyTo && { id: replyTo.id, user: replyTo.user, excerpt: replyTo.excerpt });
            notice(problem);
            if (!problem && replyTo) {
                messages.cancelReply();   // the quote goes with the queued reply
            }
            return !problem;
        },
        react: (room, messageId, emoji) => messages.react(room, messageId, emoji),
        startReply: (message) => messages.startReply(message),
        cancelReply: () => messages.cancelReply(),
        /** Resolves true when the edit was saved. */
        editMessage: (room, messageId, text) => messages.edit(room, messageId, text),
        requestDelete: (room, messageId) => ui({ dialog: { kind: 'delete', room, messageId } }),
        retrySend: (cmid) => outbox.retry(cmid),
        discardSend: (cmid) => outbox.discard(cmid),
        typing: (hasText) => typing.input(store.state.current, hasText),
        stopTyping: () => typing.stop(),
        dismissNotice: () => notice(''),

        openDrawer: (drawer) => {
            ui({ drawer });
            if (drawer === 'sidebar') {
                rooms.refreshDirectory();
            }
        },
        closeDrawer: () => ui({ drawer: null }),
        openDialog: (dialog) => ui({ dialog }),
        closeDialog: () => ui({ dialog: null }),
        confirmDialog: () => {
            const dialog = store.state.ui.dialog;
            ui({ dialog: null });
            if (dialog?.kind === 'logout') {
                account.logout();
            } else if (dialog?.kind === 'leave') {
                rooms.leave(dialog.room);
            } else if (dialog?.kind === 'delete') {
                messages.remove(dialog.room, dialog.messageId);
            }
        },
        startExport: (format) => store.state.current && roomExports.start(store.state.current, format),
        retryExport: () => roomExports.retry(),
        cancelExport: () => roomExports.cancel(),

        setNotifications: (on) => notifier.setEnabled(on),
        cycleTheme: () => store.update((s) => ({ ...s, theme: THEMES[(THEMES.indexOf(s.theme) + 1) % THEMES.length] })),
    };
}
