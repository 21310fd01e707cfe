// The signed-in user's session: a short-lived access token (a JWT) and the refresh token that gets the next one, kept
// in localStorage so every tab of the browser shares it (a new tab starts signed in). POST /api/auth/refresh answers
// with a new pair and retires the refresh token it was given, and a retired one presented again ends the session, so
// only one refresh may be in flight across all tabs: a Web Lock serializes them, and a tab that gets the lock after
// another tab renewed takes the stored pair instead of asking the server. The access token is renewed when three
// quarters of its lifetime have passed, and on demand (a connection the server refused), so an open tab never has to
// log in again while its refresh token lasts. Logging out ends the session on the server too.

import { authApi } from './auth-api.js';

const KEY = 'chat.session';        // JSON { accessToken, refreshToken, expiresAt, userName }
const LOCK = 'chat.session.refresh';
const REFRESH_AT = 0.75;          // share of the access token's lifetime after which it is renewed
const RETRY_MS = 5000;            // after a refresh the server could not answer (offline, restarting)
const MIN_REFRESH_DELAY_MS = 500;
const SETTLE_MS = 250;            // how long a refresh keeps the lock after storing the new pair

/** The server refused the refresh token (expired, revoked, reused): the user has to log in again. */
export class SessionEndedError extends Error {
    constructor() {
        super('The session has ended: log in again.');
        this.name = 'SessionEndedError';
    }
}

/** What the tabs share: the stored session, or null. */
export function readStored(storage) {
    try {
        const value = JSON.parse(storage.getItem(KEY));
        return value && value.refreshToken && value.userName ? value : null;
    } catch (err) {
        console.warn('Ignoring an unreadable stored session:', err);
        return null;
    }
}

/** True when a storage event is about the shared session. */
export function isSessionKey(key) {
    return key === KEY || key === null;   // null: the whole storage was cleared
}

export class Session {
    #access;
    #refresh;
    #expiresAt = 0;   // ms since the epoch
    #refreshAt = 0;
    #user;
    #handedOutExpiresAt = 0;
    #timer = 0;
    #inFlight = null;
    #ended = false;
    #onEnded;
    #storage;

    /** `onEnded` runs when the server refuses the refresh token. */
    constructor(stored, { onEnded, storage = localStorage }) {
        this.#onEnded = onEnded;
        this.#storage = storage;
        this.#accept(stored);
    }

    /** A session from a login answer ({accessToken, expiresIn, userName, refreshToken}), shared with the other tabs. */
    static start(login, options) {
        const lifetimeMs = Number.isFinite(login.expiresIn) && login.expiresIn > 0 ? login.expiresIn * 1000 : 0;
        const session = new Session({ ...login, expiresAt: Date.now() + lifetimeMs }, options);
        session.#save();
        return session;
    }

    /** The session stored by this tab before a reload or by another tab, or null. A stale access token is renewed first. */
    static restore(options) {
        const stored = readStored(options.storage ?? localStorage);
        return stored ? new Session(stored, options) : null;
    }

    static forget(storage = localStorage) {
        storage.removeItem(KEY);
    }

    get userName() {
        return this.#user;
    }

    /** For accessTokenFactory: the current access token, renewed first when it is due. */
    async accessToken() {
        if (Date.now() >= this.#refreshAt) {
            try {
                await this.refresh();
            } catch (err) {
                if (err instanceof SessionEndedError) {
                    throw err;
                }
                // The server cannot be asked now; the token may still be good, and the connection retries anyway.
                console.warn('Renewing the access token failed:', err);
            }
        }
        this.#handedOutExpiresAt = this.#expiresAt;
        return this.#access;
    }

    /** True once the last token handed to the connection has expired: the server closes connections then. */
    handedOutTokenExpired() {
        return this.#handedOutExpiresAt > 0 && Date.now() >= this.#handedOutExpiresAt - 1000;
    }

    /**
     * Gets a new token pair now (one request at a time). Rejects with SessionEndedError when the server refused the
     * refresh token (onEnded has been called), with another error when it could not be asked (retried later).
     */
    refresh() {
        if (!this.#inFlight) {
            const locks = globalThis.navigator?.locks;
            this.#inFlight = new Promise((resolve, reject) => {
                const run = async () => {
                    await this.#refreshOnce().then(resolve, reject);
                    // The lock outlives the answer a little: another tab's copy of localStorage takes a moment to
                    // show the new pair, and the next holder must read it, not present the token just retired.
                    await new Promise((settled) => setTimeout(settled, SETTLE_MS));
                };
                return locks ? locks.request(LOCK, run) : run();
            }).finally(() => { this.#inFlight = null; });
        }
        return this.#inFlight;
    }

    /** Takes the pair another tab stored for this same session; false when there is nothing newer. */
    adoptStored() {
        const stored = readStored(this.#storage);
        if (this.#ended || !stored || stored.userName !== this.#user || stored.refreshToken === this.#refresh) {
            return false;
        }
        this.#accept(stored);
        return true;
    }

    /** Ends the session on the server (best effort) and forgets it in every tab. */
    async logout() {
        let token = null;
        try {
            token = await this.accessToken();
        } catch (err) {
            console.debug('No access token to log out with:', err);
        }
        const refreshToken = this.#refresh;
        this.stop();
        Session.forget(this.#storage);
        if (!token) {
            return;
        }
        try {
            await authApi.logout(refreshToken, token);
        } catch (err) {
            console.warn('Logging out on the server failed:', err);
        }
    }

    /** Stops renewing (the page signed out, or another tab took over). */
    stop() {
        this.#ended = true;
        clearTimeout(this.#timer);
    }

    async #refreshOnce() {
        if (this.#ended) {
            throw new SessionEndedError();
        }
        if (this.adoptStored()) {
            return;   // another tab renewed while this one waited for the lock
        }
        let answer;
        try {
            answer = await authApi.refresh(this.#refresh);
        } catch (err) {
            this.#schedule(RETRY_MS);
            throw err;
        }
        if (this.#ended) {
            throw new SessionEndedError();
        }
        if (answer.status === 401 || answer.status === 400) {
            this.stop();
            Session.forget(this.#storage);
            this.#onEnded();
            throw new SessionEndedError();
        }
        if (!answer.ok || !answer.data) {
            this.#schedule(RETRY_MS);
            throw new Error(`Renewing the session failed (${answer.status})`);
        }
        const lifetimeMs = Math.max(0, Number(answer.data.expiresIn) || 0) * 1000;
        this.#accept({ ...answer.data, expiresAt: Date.now() + lifetimeMs });
        this.#save();
    }

    #accept({ accessToken, refreshToken, userName, expiresAt }) {
        const now = Date.now();
        this.#access = accessToken || '';
        this.#refresh = refreshToken;
        this.#user = userName;
        this.#expiresAt = Number(expiresAt) || 0;
        this.#refreshAt = now + Math.max(0, this.#expiresAt - now) * REFRESH_AT;
        this.#schedule(this.#refreshAt - now);
    }

    #save() {
        this.#storage.setItem(KEY, JSON.stringify({
            accessToken: this.#access,
            refreshToken: this.#refresh,
            expiresAt: this.#expiresAt,
            userName: this.#user,
        }));
    }

    #schedule(delayMs) {
        clearTimeout(this.#timer);
        if (this.#ended) {
            return;
        }
        this.#timer = setTimeout(() => {
            this.refresh().catch((err) => {
                if (!(err instanceof SessionEndedError)) {
                    console.warn('Renewing the session failed; retrying:', err);
                }
            });
        }, Math.max(MIN_REFRESH_DELAY_MS, delayMs));
    }
}
