// The signed-in user's session, kept per tab in sessionStorage: a short-lived access token (a JWT) and the refresh
// token that gets the next one. POST /api/auth/refresh answers with a new pair and retires the refresh token it was
// given, so this module keeps exactly one request in flight. The access token is refreshed when three quarters of its
// lifetime have passed, and on demand (a connection the server refused), so a tab that stays open never has to log in
// again while its refresh token lasts. Logging out ends the session on the server too.

const KEYS = {
    access: 'chat.token',
    refresh: 'chat.refresh',
    expires: 'chat.expires',
    user: 'chat.user',
};

const REFRESH_AT = 0.75;          // share of the access token's lifetime after which it is renewed
const RETRY_MS = 5000;            // after a refresh the server could not answer (offline, restarting)
const MIN_REFRESH_DELAY_MS = 500;

/** The server refused the refresh token (expired, revoked, reused): the user has to log in again. */
export class SessionEndedError extends Error {
    constructor() {
        super('The session has ended: log in again.');
        this.name = 'SessionEndedError';
    }
}

export class Session {
    #access;
    #refresh;
    #expiresAt;       // ms since the epoch
    #refreshAt;       // ms since the epoch
    #user;
    #handedOutExpiresAt = 0;
    #timer = 0;
    #inFlight = null;
    #ended = false;
    #onEnded;

    constructor(tokens, onEnded) {
        this.#onEnded = onEnded;
        this.#accept(tokens);
    }

    /** A session from a login answer ({accessToken, expiresIn, userName, refreshToken}). */
    static start(login, onEnded) {
        const session = new Session(login, onEnded);
        session.#save();
        return session;
    }

    /** The session this tab had before a reload, or null when there is none to resume. */
    static restore(onEnded) {
        const refreshToken = sessionStorage.getItem(KEYS.refresh);
        const userName = sessionStorage.getItem(KEYS.user);
        if (!refreshToken || !userName) {
            return null;
        }
        const expiresAt = Number(sessionStorage.getItem(KEYS.expires) || 0);
        return new Session({
            accessToken: sessionStorage.getItem(KEYS.access) || '',
            refreshToken,
            userName,
            // An access token that is already stale is renewed before the first connection uses it.
            expiresIn: Math.max(0, (expiresAt - Date.now()) / 1000),
        }, onEnded);
    }

    /** True when this tab has remnants of a session (e.g. from before refresh tokens) that cannot be resumed. */
    static hasLeftovers() {
        return Object.values(KEYS).some((key) => sessionStorage.getItem(key) !== null);
    }

    static forget() {
        for (const key of Object.values(KEYS)) {
            sessionStorage.removeItem(key);
        }
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
            this.#inFlight = this.#requestRefresh().finally(() => { this.#inFlight = null; });
        }
        return this.#inFlight;
    }

    /** Ends the session on the server (best effort) and forgets it here. */
    async logout() {
        let token = null;
        try {
            token = await this.accessToken();
        } catch (err) {
            console.debug('No access token to log out with:', err);
        }
        const refreshToken = this.#refresh;
        this.stop();
        Session.forget();
        if (!token) {
            return;
        }
        try {
            await fetch('/api/auth/logout', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
                body: JSON.stringify({ refreshToken }),
            });
        } catch (err) {
            console.warn('Logging out on the server failed:', err);
        }
    }

    /** Stops renewing (the page signed out). */
    stop() {
        this.#ended = true;
        clearTimeout(this.#timer);
    }

    async #requestRefresh() {
        if (this.#ended) {
            throw new SessionEndedError();
        }
        let response;
        try {
            response = await fetch('/api/auth/refresh', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ refreshToken: this.#refresh }),
            });
        } catch (err) {
            this.#schedule(RETRY_MS);
            throw err;
        }
        if (this.#ended) {
            throw new SessionEndedError();
        }
        if (response.status === 401 || response.status === 400) {
            this.stop();
            Session.forget();
            this.#onEnded();
            throw new SessionEndedError();
        }
        if (!response.ok) {
            this.#schedule(RETRY_MS);
            throw new Error(`Renewing the session failed (${response.status})`);
        }
        this.#accept(await response.json());
        this.#save();
    }

    #accept({ accessToken, expiresIn, userName, refreshToken }) {
        const lifetimeMs = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : 0;
        this.#access = accessToken;
        this.#refresh = refreshToken;
        this.#user = userName;
        this.#expiresAt = Date.now() + lifetimeMs;
        this.#refreshAt = Date.now() + lifetimeMs * REFRESH_AT;
        this.#schedule(this.#refreshAt - Date.now());
    }

    #save() {
        sessionStorage.setItem(KEYS.access, this.#access);
        sessionStorage.setItem(KEYS.refresh, this.#refresh);
        sessionStorage.setItem(KEYS.expires, String(this.#expiresAt));
        sessionStorage.setItem(KEYS.user, this.#user);
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
