// The hub connection's life: start (retried with backoff and a countdown until it works), automatic reconnect with
// stateful reconnect (a short network drop loses nothing), a renewed token after the server refuses one, and resume:
// after every start or reconnect the rooms are joined again from the last message seen, and only then is the
// connection "ready" for the outbox. Its state goes to the store for the banner and the about view.

import { ChatHub, HUB_PATH } from './hub.js';
import { reconnectDelay } from './chat-model.js';
import { setConnection } from './chat-state.js';
import { clearTyping } from './presence-state.js';
import { SessionEndedError } from './session.js';

const QUIET_RECONNECT_MS = 3000;   // how long a reconnect at token expiry may take before the banner says so
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function isUnauthorized(error) {
    return Boolean(error) && (error.statusCode === 401 || /\b401\b|Unauthorized/i.test(error.message || ''));
}

export class Connection {
    #store;
    #session;       // () => the current Session, or null
    #protocol;
    #events;        // () => hub event handlers (hub.js names), for each new connection
    #resume;        // async () => rejoins every room
    #refused;       // () => the server refused a token just renewed: the session is over
    #connection = null;
    #hub = null;
    #stopping = true;
    #startLoop = null;
    #retryNow = null;
    #quietTimer = 0;

    constructor(store, { session, protocol, events, resume, refused }) {
        this.#store = store;
        this.#session = session;
        this.#protocol = protocol;
        this.#events = events;
        this.#resume = resume;
        this.#refused = refused;
    }

    /** The typed hub while connected, else null (callers wait for `ready` or skip what can wait). */
    get hub() {
        return this.connected ? this.#hub : null;
    }

    get connected() {
        return Boolean(this.#connection) && this.#connection.state === signalR.HubConnectionState.Connected;
    }

    start() {
        if (!window.signalR) {
            this.#set({ status: 'failed' });
            return;
        }
        this.#stopping = false;
        this.#connection = this.#build();
        this.#hub = new ChatHub(this.#connection);
        this.#hub.on(this.#events());
        this.#startWithRetry();
    }

    async stop() {
        this.#stopping = true;
        clearTimeout(this.#quietTimer);
        this.#retryNow?.();
        const connection = this.#connection;
        this.#connection = null;
        this.#hub = null;
        this.#store.update((s) => setConnection(s, { status: 'idle', ready: false, server: null, retryIn: 0 }));
        try {
            await connection?.stop();
        } catch (err) {
            console.warn('Stopping the connection failed:', err);
        }
    }

    /** The banner's "Retry now": cuts the countdown short. */
    retryNow() {
        if (this.#retryNow) {
            this.#retryNow();
        } else if (this.#connection?.state === signalR.HubConnectionState.Disconnected) {
            this.#startWithRetry();
        }
    }

    #set(change) {
        this.#store.update((s) => setConnection(s, change));
    }

    #notReady(change) {
        this.#store.update((s) => clearTyping(setConnection(s, { ...change, ready: false })));
    }

    #build() {
        const builder = new signalR.HubConnectionBuilder()
            // Asked on every (re)connect: a fresh token, renewed first when it is due.
            .withUrl(HUB_PATH, { accessTokenFactory: () => this.#session()?.accessToken() ?? '' })
            .withAutomaticReconnect({
                // A refused token does not get better by retrying: stop; onclose's restart renews it once or signs out.
                nextRetryDelayInMilliseconds: (context) =>
                    (isUnauthorized(context.retryReason) ? null : reconnectDelay(context.previousRetryCount)),
            })
            // A short network drop keeps the same connection and loses nothing (the server allows it).
            .withStatefulReconnect()
            .configureLogging(signalR.LogLevel.Warning);
        if (this.#protocol === 'messagepack') {
            builder.withHubProtocol(new signalR.protocols.msgpack.MessagePackHubProtocol());
        }
        const connection = builder.build();
        connection.onreconnecting(() => this.#onReconnecting(connection));
        connection.onreconnected(() => {
            clearTimeout(this.#quietTimer);
            if (connection === this.#connection) {
                this.#afterConnected(connection);
            }
        });
        connection.onclose((error) => this.#onClose(connection, error));
        return connection;
    }

    #onReconnecting(connection) {
        if (connection !== this.#connection) {
            return;
        }
        clearTimeout(this.#quietTimer);
        if (this.#session()?.handedOutTokenExpired()) {
            // The server closes a connection when its access token expires; it is back at once with a fresh one.
            this.#notReady({});
            this.#quietTimer = setTimeout(() => {
                if (connection === this.#connection && connection.state === signalR.HubConnectionState.Reconnecting) {
                    this.#set({ status: 'reconnecting' });
                }
            }, QUIET_RECONNECT_MS);
            return;
        }
        this.#notReady({ status: 'reconnecting' });
    }

    async #onClose(connection, error) {
        clearTimeout(this.#quietTimer);
        if (connection !== this.#connection || this.#stopping) {
            return;
        }
        this.#notReady({});
        if (isUnauthorized(error) && !(await this.#renewAfterRefusal())) {
            return;
        }
        this.#startWithRetry();
    }

    /**
     * The server refused the access token: renew it once. False when the session is over (its onEnded signs out);
     * true to try again, also when the server could not be asked (the retry backs off as for any failure).
     */
    async #renewAfterRefusal() {
        const session = this.#session();
        if (!session) {
            return false;
        }
        try {
            await session.refresh();
            return true;
        } catch (err) {
            if (err instanceof SessionEndedError) {
                return false;
            }
            console.warn('Renewing the session after a refusal failed:', err);
            return true;
        }
    }

    /** Starts the connection, retrying until it works (automatic reconnect does not cover a first start). */
    #startWithRetry() {
        if (this.#startLoop) {
            return this.#startLoop;
        }
        const connection = this.#connection;
        const current = () => !this.#stopping && connection === this.#connection;
        this.#startLoop = (async () => {
            let attempt = 0;
            let renewed = false;
            while (current() && connection.state === signalR.HubConnectionState.Disconnected) {
                this.#set({ status: 'connecting', attempt, retryIn: 0 });
                try {
                    await connection.start();
                    break;
                } catch (err) {
                    if (!current() || err instanceof SessionEndedError) {
                        return;
                    }
                    if (isUnauthorized(err)) {
                        // Once per start: a token refused although it was just renewed means the session is over.
                        if (renewed) {
                            this.#refused();
                            return;
                        }
                        renewed = true;
                        if (await this.#renewAfterRefusal()) {
                            continue;
                        }
                        return;
                    }
                    await this.#waitForRetry(Math.max(1000, reconnectDelay(attempt++)));
                }
            }
            if (current() && connection.state === signalR.HubConnectionState.Connected) {
                await this.#afterConnected(connection);
            }
        })().finally(() => { this.#startLoop = null; });
        return this.#startLoop;
    }

    /** Counts down in the store (the banner shows it); retryNow() cuts the wait short. */
    async #waitForRetry(ms) {
        const until = Date.now() + ms;
        let cancelled = false;
        const clicked = new Promise((resolve) => {
            this.#retryNow = () => { cancelled = true; resolve(); };
        });
        while (!cancelled && !this.#stopping) {
            const left = until - Date.now();
            if (left <= 0) {
                break;
            }
            this.#set({ status: 'disconnected', retryIn: Math.ceil(left / 1000) });
            await Promise.race([delay(Math.min(left, 1000)), clicked]);
        }
        this.#retryNow = null;
    }

    /** After a start or a reconnect: which instance holds us (for the about view), rooms re-joined, then ready. */
    async #afterConnected(connection) {
        this.#set({ status: 'connected', attempt: 0, retryIn: 0, connectionId: connection.connectionId });
        this.#hub.getServerInfo().then((server) => {
            if (connection === this.#connection) {
                this.#set({ server });
            }
        }, (err) => console.warn('GetServerInfo failed:', err));
        await this.#resume();
        if (connection === this.#connection && this.connected) {
            this.#set({ ready: true });
        }
    }
}
