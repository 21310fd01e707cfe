// Modal dialogs (native <dialog>: focus moves into it, Escape closes it, the page behind is inert, and focus goes
// back where it was): confirming Leave / Close / Log out, the room export (its contents: export-view.js), and the about
// view, which names the server instance and mode behind this connection (diagnostics kept off the everyday screens).

import { isDirectRoom } from '../chat-model.js';
import { roomLabel } from '../selectors.js';
import { byId, changed, mount } from './dom.js';

function confirmation(state, dialog) {
    const unsent = (room) => state.outbox.filter((entry) => room === undefined || entry.room === room).length;
    const lost = (count) => (count ? ` ${count === 1 ? 'One message' : `${count} messages`} not yet sent will be discarded.` : '');
    if (dialog.kind === 'logout') {
        return { title: 'Log out?', text: `You can sign in again any time.${lost(unsent())}`, ok: 'Log out' };
    }
    if (dialog.kind === 'delete') {
        return { title: 'Delete this message?', text: 'Everyone in the room sees that a message was deleted.', ok: 'Delete' };
    }
    const label = roomLabel(state, dialog.room);
    return isDirectRoom(dialog.room)
        ? { title: `Close ${label}?`, text: `It opens again when either of you writes.${lost(unsent(dialog.room))}`, ok: 'Close conversation' }
        : { title: `Leave ${label}?`, text: `Its messages stop arriving here; you can join again any time.${lost(unsent(dialog.room))}`, ok: 'Leave room' };
}

function showAbout(state) {
    const connection = state.connection;
    byId('about-user').textContent = state.user ?? '';
    byId('about-status').textContent = connection.status;
    byId('about-instance').textContent = connection.server?.instanceId ?? 'not known yet';
    byId('about-mode').textContent = connection.server?.mode ?? 'not known yet';
    byId('about-protocol').textContent = connection.protocol;
    byId('about-connection').textContent = connection.connectionId ?? '';
}

export function dialogsView(store, actions) {
    const confirmDialog = byId('confirm-dialog');
    const aboutDialog = byId('about-dialog');
    const exportDialog = byId('export-dialog');
    let returnFocus = null;

    byId('confirm-cancel').addEventListener('click', () => actions.closeDialog());
    byId('confirm-ok').addEventListener('click', () => actions.confirmDialog());
    byId('about-close').addEventListener('click', () => actions.closeDialog());
    byId('export-close').addEventListener('click', () => actions.closeDialog());
    for (const dialog of [confirmDialog, aboutDialog, exportDialog]) {
        // Escape (the dialog's own cancel) and any other close: the store hears of it.
        dialog.addEventListener('close', () => store.state.ui.dialog && actions.closeDialog());
    }

    mount(store, (state, previous) => {
        const dialog = state.ui.dialog;
        if (dialog?.kind === 'about' && changed(state, previous, (s) => s.connection)) {
            showAbout(state);
        }
        if (!changed(state, previous, (s) => s.ui.dialog)) {
            return;
        }
        for (const open of [confirmDialog, aboutDialog, exportDialog].filter((d) => d.open)) {
            open.close();
        }
        if (!dialog) {
            returnFocus?.focus();
            returnFocus = null;
            return;
        }
        returnFocus ??= document.activeElement;
        if (dialog.kind === 'export') {
            exportDialog.showModal();
            byId('export-format').focus();
            return;
        }
        if (dialog.kind === 'about') {
            showAbout(state);
            aboutDialog.showModal();
            byId('about-close').focus();
            return;
        }
        const { title, text, ok } = confirmation(state, dialog);
        byId('confirm-title').textContent = title;
        byId('confirm-text').textContent = text;
        byId('confirm-ok').textContent = ok;
        confirmDialog.showModal();
        byId('confirm-cancel').focus();
    });
}
