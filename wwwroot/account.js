// Signing in and out: the sign-in form's register and log-in, the session restored on load (this tab's, or the one
// another tab of the browser signed in), logging out (on the server too), and what happens when a session ends under
// the user: back to the sign-in form, saying why, with the unsent messages kept for when they sign in again. Tabs
// stay in step through the storage event: one tab's sign-in, renewal or sign-out reaches the others.

import { authApi, problemText } from './auth-api.js';
import { sameUser, USER_PATTERN } from './chat-model.js';
import { signedIn, signedOut } from './chat-state.js';
import { enqueue } from './outbox-rules.js';
import { isSessionKey, readStored, Session } from './session.js';

const ENDED = 'Your session has ended. Please sign in again.';
const ENDED_MEMORY = 'Your session has ended. This server keeps accounts in memory: if it restarted, it forgot them, '
    + 'so create your account again to continue.';
const ENDED_ELSEWHERE = 'You were signed out in another tab.';

export class Account {
    #store;
    #connection;
    #prefs;
    #stopWork;      // () => stops what runs for a signed-in user besides the connection (typing, directory)
    #session = null;

    constructor(store, { connection, prefs, stopWork }) {
        this.#store = store;
        this.#connection = connection;
        this.#prefs = prefs;
        this.#stopWork = stopWork;
    }

    get session() {
        return this.#session;
    }

    /** On load: the stored session (a stale access token is renewed before the first connection uses it). */
    restore() {
        const session = this.#restoreSession();
        if (session) {
            this.#enter(session);
            return;
        }
        const kept = this.#prefs.keptOutbox();
        if (kept) {
            this.#store.update((s) => ({ ...s, keptFor: kept.user, outbox: kept.entries.reduce(enqueue, []) }));
        }
    }

    /** The sign-in form: logs in, creating the account first when `register`. */
    async submit(userName, password, register) {
        const problem = !USER_PATTERN.test(userName) ? 'User names are 2–32 characters: letters, digits, _ . -'
            : password.length < 8 || password.length > 128 ? 'Passwords are 8 to 128 characters.' : '';
        this.#setAuth({ error: problem, busy: !problem });
        if (problem) {
            return;
        }
        try {
            if (register) {
                const created = await authApi.register(userName, password);
                if (!created.ok) {
                    this.#setAuth({ busy: false, error: created.status === 409 ? 'That user name is taken. Pick another, or log in.'
                        : problemText(created.data, `Registration failed (${created.status}).`) });
                    return;
                }
            }
            const login = await authApi.login(userName, password);
            if (!login.ok || !login.data || !login.data.accessToken) {
                this.#setAuth({ busy: false, error: login.status === 401 ? 'Wrong user name or password.'
                    : problemText(login.data, `Login failed (${login.status}).`) });
                return;
            }
            const data = { ...login.data, userName: login.data.userName || userName };
            this.#enter(Session.start(data, { onEnded: () => this.#ended(data.userName) }));
        } catch (err) {
            this.#setAuth({ busy: false, error: `Cannot reach the server: ${err.message}` });
        }
    }

    /** The user logs out: the session ends on the server and in every tab, and nothing of theirs stays here. */
    async logout() {
        const session = this.#session;
        const user = this.#store.state.user;
        this.#session = null;
        this.#stopWork();
        if (user) {
            this.#prefs.forget(user);
        }
        this.#store.update((s) => signedOut(s));
        await this.#connection.stop();
        await session?.logout();
    }

    /** The server refused a token it was just given: the session is over for it. */
    refused() {
        Session.forget();
        this.#signOutKeeping(ENDED);
    }

    /** Another tab signed in, renewed the session or signed out. */
    onStorage(key) {
        if (!isSessionKey(key)) {
            return;
        }
        const stored = readStored(localStorage);
        if (!this.#session) {
            const session = stored && this.#restoreSession();
            if (session) {
                this.#enter(session);
            }
            return;
        }
        if (!stored) {
            this.#signOutKeeping(ENDED_ELSEWHERE);
        } else if (!sameUser(stored.userName, this.#session.userName)) {
            this.#signOutKeeping('').then(() => this.onStorage(key));
        } else {
            this.#session.adoptStored();
        }
    }

    #restoreSession() {
        const session = Session.restore({ onEnded: () => this.#ended(session.userName) });
        return session;
    }

    #enter(session) {
        this.#session = session;
        const state = this.#store.state;
        const saved = this.#prefs.load(session.userName);
        const dropped = state.keptFor && !sameUser(state.keptFor, session.userName) ? state.outbox.length : 0;
        this.#store.update((s) => {
            const next = signedIn(s, session.userName, saved);
            return dropped ? { ...next, notice: `${dropped} unsent message(s) of ${state.keptFor} were discarded.` } : next;
        });
        this.#connection.start();
    }

    /** The server refused the refresh token (expired, revoked, or forgotten in a restart). */
    #ended(userName) {
        if (this.#session && sameUser(this.#session.userName, userName)) {
            const memory = this.#store.state.connection.server?.mode === 'memory';
            this.#signOutKeeping(memory ? ENDED_MEMORY : ENDED);
        }
    }

    async #signOutKeeping(notice) {
        const session = this.#session;
        this.#session = null;
        session?.stop();
        this.#stopWork();
        this.#store.update((s) => signedOut(s, { notice, keep: true }));
        await this.#connection.stop();
    }

    #setAuth(change) {
        this.#store.update((s) => ({ ...s, auth: { ...s.auth, ...change } }));
    }
}
