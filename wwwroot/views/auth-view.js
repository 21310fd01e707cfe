// Which screen shows (signed in or not), and the sign-in screen: log in or create an account, errors, and why the user is here again (a session that ended,
// with the unsent messages that wait for them).

import { byId, changed, mount, showText } from './dom.js';

export function authView(store, actions) {
    const view = byId('auth-view');
    const userName = byId('username');
    const password = byId('password');
    const submit = (register) => actions.signIn(userName.value.trim(), password.value, register);

    byId('auth-form').addEventListener('submit', (event) => {
        event.preventDefault();
        submit(false);
    });
    byId('register').addEventListener('click', () => submit(true));

    mount(store, (state, previous) => {
        const signedIn = Boolean(state.user);
        view.hidden = signedIn;
        byId('app-view').hidden = !signedIn;
        if (changed(state, previous, (s) => s.user)) {
            if (signedIn) {
                password.value = '';
            } else {
                userName.focus();
            }
        }
        if (changed(state, previous, (s) => s.auth) || changed(state, previous, (s) => s.outbox)) {
            showText(byId('auth-error'), state.auth.error);
            byId('login').disabled = state.auth.busy;
            byId('register').disabled = state.auth.busy;
            const waiting = state.keptFor ? state.outbox.length : 0;
            const kept = waiting
                ? `${waiting === 1 ? 'Your unsent message is' : `Your ${waiting} unsent messages are`} kept: `
                    + `${waiting === 1 ? 'it goes' : 'they go'} out once you are signed in as ${state.keptFor} again.`
                : '';
            showText(byId('auth-notice'), [state.auth.notice, kept].filter(Boolean).join(' '));
        }
    });
}
