// ChatServer browser page: sign-in, rooms, direct messages, history, presence and typing over
// the /hubs/chat SignalR hub (see the public contract). No framework: one state object, and
// render functions that update the parts of the page that changed.

import {
    ROOM_PATTERN, USER_PATTERN, MAX_MESSAGE_LENGTH, MessageLog, isDirectRoom, directPeer, involvesMe,
    sameUser, hubErrorText, isServerError, typingText, reconnectDelay, fromWire, chooseProtocol, textLength,
} from './chat-model.js';
import { el, avatar, messageNode, continues } from './view.js';
import { Session, SessionEndedError } from './session.js';

const $ = (id) => document.getElementById(id);

const TYPING_THROTTLE_MS = 2000;   // StartTyping at most this often while the user types
const TYPING_LOCAL_EXPIRY_MS = 6000; // hide someone's indicator if their stop never arrives
const HISTORY_PAGE = 50;
const ROOM_LIST_REFRESH_MS = 10_000;   // also how soon a new direct room shows up for its recipient

const SESSION_EXPIRED = 'Your session has expired. Please log in again.';
const QUIET_RECONNECT_MS = 3000;   // how long a reconnect at token expiry may take before the banner says so

// The tokens are session.js's; these are the page's own.
const STORE = {
    rooms: 'chat.rooms',
    current: 'chat.current',
    closedDms: 'chat.closedDms',
};

/** What the page knows about one joined room. */
class RoomState {
    constructor(room) {
        this.room = room;
        this.log = new MessageLog();
        this.hasMore = false;          // older history exists on the server
        this.online = new Map();       // lower-case name -> display name
        this.typing = new Map();       // lower-case name -> { name, timer }
        this.unread = 0;
        this.joined = false;
        this.loadingHistory = false;
    }
}

const state = {
    session: null,
    user: null,
    connection: null,
    stopping: false,
    rooms: new Map(),
    current: null,
    directory: [],
    names: new Map(),              // lower-case name -> name as the server spells it
    pending: new Map(),            // clientMessageId -> { cmid, room, text, status, error, node }
    closedDms: new Set(),
    typingRoom: null,
    typingSentAt: 0,
    ready: deferred(),             // resolved while connected with every room re-joined
    startLoop: null,
    retryNow: null,
    directoryTimer: 0,
    errorTimer: 0,
    quietReconnectTimer: 0,
};

// ---------------------------------------------------------------------------------------------
// Small utilities

function deferred() {
    let resolve;
    const promise = new Promise((r) => { resolve = r; });
    return { promise, resolve, settled: false };
}

function markReady() {
    state.ready.settled = true;
    state.ready.resolve();
}

function markNotReady() {
    if (state.ready.settled) {
        state.ready = deferred();
    }
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function isConnected() {
    return state.connection && state.connection.state === signalR.HubConnectionState.Connected;
}

function rememberName(name) {
    if (name) {
        state.names.set(name.toLowerCase(), name);
    }
}

function displayName(lower) {
    return state.names.get(lower) || lower;
}

function label(room) {
    return isDirectRoom(room) ? `@${displayName(directPeer(room, state.user))}` : `#${room}`;
}

function currentRoom() {
    return state.current ? state.rooms.get(state.current) : null;
}

function persistRooms() {
    sessionStorage.setItem(STORE.rooms, JSON.stringify([...state.rooms.keys()]));
    if (state.current) {
        sessionStorage.setItem(STORE.current, state.current);
    } else {
        sessionStorage.removeItem(STORE.current);
    }
    sessionStorage.setItem(STORE.closedDms, JSON.stringify([...state.closedDms]));
}

function readJson(key, fallback) {
    try {
        const value = JSON.parse(sessionStorage.getItem(key));
        return value ?? fallback;
    } catch (err) {
        console.warn(`Ignoring unreadable saved ${key}:`, err);
        return fallback;
    }
}

function showMessage(node, text) {
    node.textContent = text || '';
    node.hidden = !text;
}

/** Shows a hub error (or any error) inline above the composer for a while. */
function showChatError(text) {
    showMessage($('chat-error-text'), text);
    $('chat-error').hidden = !text;
    clearTimeout(state.errorTimer);
    if (text) {
        state.errorTimer = setTimeout(() => { $('chat-error').hidden = true; }, 10_000);
    }
}

// ---------------------------------------------------------------------------------------------
// Sign-in

function problemText(data, fallback) {
    if (data && data.errors && typeof data.errors === 'object') {
        const all = Object.values(data.errors).flat().filter(Boolean);
        if (all.length) {
            return all.join(' ');
        }
    }
    return (data && (data.detail || data.title)) || fallback;
}

async function postJson(path, body) {
    const response = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
    });
    // Errors come as ProblemDetails (application/problem+json); anything else has no body we need.
    const type = response.headers.get('content-type') || '';
    const data = type.includes('json') ? await response.json() : null;
    return { response, data };
}

function readCredentials() {
    const userName = $('username').value.trim();
    const password = $('password').value;
    if (!USER_PATTERN.test(userName)) {
        return { error: 'User names are 2–32 characters: letters, digits, _ . -' };
    }
    if (password.length < 8 || password.length > 128) {
        return { error: 'Passwords are 8 to 128 characters.' };
    }
    return { userName, password };
}

async function authenticate(register) {
    const credentials = readCredentials();
    const error = $('auth-error');
    if (credentials.error) {
        showMessage(error, credentials.error);
        return;
    }
    showMessage(error, '');
    setAuthBusy(true);
    try {
        if (register) {
            const { response, data } = await postJson('/api/auth/register', credentials);
            if (response.status === 409) {
                showMessage(error, 'That user name is taken. Pick another, or log in.');
                return;
            }
            if (!response.ok) {
                showMessage(error, problemText(data, `Registration failed (${response.status}).`));
                return;
            }
        }
        const { response, data } = await postJson('/api/auth/login', credentials);
        if (response.status === 401) {
            showMessage(error, 'Wrong user name or password.');
            return;
        }
        if (!response.ok || !data || !data.accessToken) {
            showMessage(error, problemText(data, `Login failed (${response.status}).`));
            return;
        }
        $('password').value = '';
        signIn({ ...data, userName: data.userName || credentials.userName });
    } catch (err) {
        showMessage(error, `Cannot reach the server: ${err.message}`);
    } finally {
        setAuthBusy(false);
    }
}

function setAuthBusy(busy) {
    $('login').disabled = busy;
    $('register').disabled = busy;
}

function signIn(login) {
    const session = Session.start(login, () => onSessionEnded(session));
    enterApp(session, [], null);
}

/** The server refused the refresh token: sign out, saying why. */
function onSessionEnded(session) {
    if (session === state.session) {
        logout(SESSION_EXPIRED);
    }
}

function enterApp(session, rooms, current) {
    const userName = session.userName;
    state.session = session;
    state.user = userName;
    state.stopping = false;
    rememberName(userName);
    for (const room of rooms) {
        if (typeof room === 'string' && (ROOM_PATTERN.test(room) || involvesMe(room, userName))) {
            state.rooms.set(room, new RoomState(room));
        }
    }
    state.current = current && state.rooms.has(current) ? current : null;
    $('auth-view').hidden = true;
    $('app-view').hidden = false;
    $('me').textContent = userName;
    $('me-avatar').replaceWith(Object.assign(avatar(userName), { id: 'me-avatar' }));
    renderAll();
    connect();
}

/** Signs out; `endSession` also ends the session on the server (the user asked to, rather than it having expired). */
async function logout(reason, endSession = false) {
    state.stopping = true;
    stopTyping();
    clearInterval(state.directoryTimer);
    clearTimeout(state.quietReconnectTimer);
    const connection = state.connection;
    state.connection = null;
    const session = state.session;
    state.session = null;
    if (session && !endSession) {
        session.stop();   // (session.logout() below stops it once it has a token to log out with)
    }
    if (state.retryNow) {
        state.retryNow();
    }
    for (const key of Object.values(STORE)) {
        sessionStorage.removeItem(key);
    }
    Session.forget();
    for (const room of state.rooms.values()) {
        for (const typing of room.typing.values()) {
            clearTimeout(typing.timer);
        }
    }
    state.rooms.clear();
    state.pending.clear();
    state.closedDms.clear();
    state.current = null;
    state.directory = [];
    state.user = null;
    markNotReady();
    $('app-view').hidden = true;
    $('auth-view').hidden = false;
    $('banner').hidden = true;
    showMessage($('auth-error'), reason || '');
    $('username').focus();
    if (connection) {
        try {
            await connection.stop();
        } catch (err) {
            console.warn('Stopping the connection failed:', err);
        }
    }
    if (session && endSession) {
        await session.logout();
    }
}

// ---------------------------------------------------------------------------------------------
// Connection

function createConnection() {
    const builder = new signalR.HubConnectionBuilder()
        // Asked on every (re)connect: a fresh token, renewed first when it is due.
        .withUrl('/hubs/chat', { accessTokenFactory: () => (state.session ? state.session.accessToken() : '') })
        .withAutomaticReconnect({
            nextRetryDelayInMilliseconds: (context) => {
                // A refused token does not get better by retrying: stop; onclose's restart renews it once or signs out.
                if (isUnauthorized(context.retryReason)) {
                    return null;
                }
                return reconnectDelay(context.previousRetryCount);
            },
        })
        // A short network drop keeps the same connection and loses nothing (the server allows it).
        .withStatefulReconnect()
        .configureLogging(signalR.LogLevel.Warning);
    // The binary protocol, smaller on the wire, for who asks with ?protocol=messagepack (remembered).
    if (chooseProtocol(location.search, localStorage) === 'messagepack') {
        builder.withHubProtocol(new signalR.protocols.msgpack.MessagePackHubProtocol());
    }
    const connection = builder.build();

    connection.on('MessageReceived', onMessageReceived);
    connection.on('UserJoined', onUserJoined);
    connection.on('UserLeft', onUserLeft);
    connection.on('TypingChanged', onTypingChanged);
    connection.on('DirectRoomActivity', onDirectRoomActivity);

    connection.onreconnecting(() => {
        if (connection !== state.connection) {
            return;
        }
        markNotReady();
        state.typingRoom = null;
        clearAllTyping();
        clearTimeout(state.quietReconnectTimer);
        if (state.session && state.session.handedOutTokenExpired()) {
            // The server closes a connection when its access token expires; it is back at once with a fresh one.
            state.quietReconnectTimer = setTimeout(() => {
                if (connection === state.connection && connection.state === signalR.HubConnectionState.Reconnecting) {
                    setBanner('reconnecting', 'Connection lost. Reconnecting…');
                }
            }, QUIET_RECONNECT_MS);
            return;
        }
        setBanner('reconnecting', 'Connection lost. Reconnecting…');
    });
    connection.onreconnected(() => {
        clearTimeout(state.quietReconnectTimer);
        if (connection === state.connection) {
            afterConnected();
        }
    });
    connection.onclose(async (error) => {
        clearTimeout(state.quietReconnectTimer);
        if (connection !== state.connection || state.stopping) {
            return;
        }
        markNotReady();
        clearAllTyping();
        if (isUnauthorized(error) && !(await renewAfterRefusal())) {
            return;
        }
        startWithRetry();
    });
    return connection;
}

/**
 * The server refused the access token: renew it once. False (and signed out) when the session is over; true to try
 * again, also when the server could not be asked (the retry backs off as for any connection failure).
 */
async function renewAfterRefusal() {
    const session = state.session;
    if (!session) {
        return false;
    }
    try {
        await session.refresh();
        return true;
    } catch (err) {
        if (err instanceof SessionEndedError) {
            return false;   // onSessionEnded signed out
        }
        console.warn('Renewing the session after a refusal failed:', err);
        return true;
    }
}

function isUnauthorized(error) {
    if (!error) {
        return false;
    }
    return error.statusCode === 401 || /\b401\b|Unauthorized/i.test(error.message || '');
}

function connect() {
    if (!window.signalR) {
        setBanner('disconnected', 'The SignalR client (lib/signalr.min.js) did not load. Build the server to copy it.');
        return;
    }
    state.connection = createConnection();
    startWithRetry();
}

/** Starts the connection, retrying with backoff until it works (the first start is not covered by automatic reconnect). */
function startWithRetry() {
    if (state.startLoop) {
        return state.startLoop;
    }
    const connection = state.connection;
    state.startLoop = (async () => {
        let attempt = 0;
        let renewed = false;
        while (!state.stopping && connection === state.connection
            && connection.state === signalR.HubConnectionState.Disconnected) {
            setBanner('connecting', attempt === 0 ? 'Connecting…' : `Connecting… (attempt ${attempt + 1})`);
            try {
                await connection.start();
                break;
            } catch (err) {
                if (state.stopping || connection !== state.connection || err instanceof SessionEndedError) {
                    return;
                }
                if (isUnauthorized(err)) {
                    // Once per start: a token the server refuses although it was renewed means the session is over.
                    if (!renewed && await renewAfterRefusal()) {
                        renewed = true;
                        continue;
                    }
                    if (!state.stopping) {
                        logout(SESSION_EXPIRED);
                    }
                    return;
                }
                const wait = Math.max(1000, reconnectDelay(attempt++));
                await waitForRetry(wait);
            }
        }
        if (!state.stopping && connection === state.connection
            && connection.state === signalR.HubConnectionState.Connected) {
            await afterConnected();
        }
    })().finally(() => { state.startLoop = null; });
    return state.startLoop;
}

/** Counts down in the banner; the Retry button cuts the wait short. */
async function waitForRetry(ms) {
    const until = Date.now() + ms;
    let cancelled = false;
    const clicked = new Promise((resolve) => {
        state.retryNow = () => { cancelled = true; resolve(); };
    });
    while (!cancelled && !state.stopping) {
        const left = until - Date.now();
        if (left <= 0) {
            break;
        }
        setBanner('disconnected', `Disconnected. Retrying in ${Math.ceil(left / 1000)} s…`);
        await Promise.race([delay(Math.min(left, 1000)), clicked]);
    }
    state.retryNow = null;
}

/** After a start or a reconnect: re-join every room from the last message seen, then release queued sends. */
async function afterConnected() {
    const connection = state.connection;
    setBanner('connected', 'Connected');
    connection.invoke('GetServerInfo').then((info) => {
        if (info && info.instanceId && connection === state.connection && isConnected()) {
            setBanner('connected', `Connected · ${info.instanceId}`);
        }
    }).catch((err) => console.warn('GetServerInfo failed:', err));

    await Promise.all([...state.rooms.keys()].map((room) =>
        joinRoom(room).catch((err) => {
            if (isServerError(err)) {
                // The server refused this room (e.g. not a member): drop it rather than retry forever.
                dropRoom(room);
                showChatError(`${label(room)}: ${hubErrorText(err)}`);
            } else {
                // The connection dropped mid-join; the next reconnect joins it again.
                console.warn(`Re-joining ${room} failed:`, err);
            }
        })));
    if (connection !== state.connection || !isConnected()) {
        return;
    }
    markReady();
    refreshDirectory();
    clearInterval(state.directoryTimer);
    state.directoryTimer = setInterval(refreshDirectory, ROOM_LIST_REFRESH_MS);
    if (!state.current && state.rooms.size) {
        selectRoom(state.rooms.keys().next().value);
    }
}

function setBanner(kind, text) {
    const banner = $('banner');
    banner.hidden = false;
    banner.dataset.state = kind;
    $('banner-text').textContent = text;
    $('retry').hidden = kind !== 'disconnected';
    document.body.dataset.connection = kind;
    updateComposerEnabled();
}

function onRetryClick() {
    if (state.retryNow) {
        state.retryNow();
    } else if (state.connection && state.connection.state === signalR.HubConnectionState.Disconnected) {
        startWithRetry();
    }
}

// ---------------------------------------------------------------------------------------------
// Rooms

/**
 * Joins (or re-joins) a room. A room that already has messages asks only for what came after the
 * newest one it holds, so nothing sent during a disconnect is missed and nothing is shown twice.
 */
async function joinRoom(room) {
    let roomState = state.rooms.get(room);
    if (!roomState) {
        roomState = new RoomState(room);
        state.rooms.set(room, roomState);
        persistRooms();
        renderRoomLists();
    }
    if (!isConnected()) {
        return;   // afterConnected() joins it.
    }
    const since = roomState.log.newestId;
    const snapshot = await state.connection.invoke('JoinRoom', room, since);
    if (state.rooms.get(room) !== roomState) {
        return;   // Left while joining.
    }
    applySnapshot(roomState, snapshot, since);
    if (since !== null && snapshot.hasMore) {
        await catchUp(roomState, since, snapshot);
    }
}

function applySnapshot(roomState, snapshot, since) {
    roomState.joined = true;
    roomState.online.clear();
    for (const name of snapshot.online || []) {
        rememberName(name);
        roomState.online.set(name.toLowerCase(), name);
    }
    for (const typing of roomState.typing.values()) {
        clearTimeout(typing.timer);
    }
    roomState.typing.clear();
    for (const name of snapshot.typing || []) {
        setTyping(roomState, name, true, false);
    }
    if (since === null) {
        roomState.hasMore = Boolean(snapshot.hasMore);
    }
    addMessages(roomState, snapshot.messages || [], since === null ? 'snapshot' : 'catch-up');
    if (roomState.room === state.current) {
        renderConversation(false);
    }
    renderRoomLists();
}

/**
 * A catch-up after a long disconnect was cut at 500 messages. Fill the hole from both ends:
 * history pages backwards until we meet what we had, and more joins forwards until the server
 * has nothing newer.
 */
async function catchUp(roomState, since, snapshot) {
    let oldestNew = snapshot.messages.length ? snapshot.messages[0].id : null;
    for (let page = 0; oldestNew && page < 20; page++) {
        const history = await state.connection.invoke('GetHistory', roomState.room, oldestNew, 100);
        addMessages(roomState, history.messages || [], 'catch-up');
        const reachedKnown = (history.messages || []).some((m) => m.id === since);
        if (!history.hasMore || reachedKnown || !history.messages.length) {
            break;
        }
        oldestNew = history.messages[0].id;
        if (roomState.log.has(oldestNew) && roomState.log.items.findIndex((m) => m.id === oldestNew) > 0) {
            break;
        }
    }
    for (let round = 0; round < 20; round++) {
        const newest = roomState.log.newestId;
        const more = await state.connection.invoke('JoinRoom', roomState.room, newest);
        addMessages(roomState, more.messages || [], 'catch-up');
        if (!more.hasMore || roomState.log.newestId === newest) {
            break;
        }
    }
}

/** Joins a direct room someone else opened with us; only a refusal from the server forgets it. */
function joinInBackground(room) {
    joinRoom(room).then(() => {
        // Everything the other person wrote there is new to this session.
        const roomState = state.rooms.get(room);
        if (roomState && room !== state.current) {
            roomState.unread = roomState.log.items.filter((m) => !sameUser(m.user, state.user)).length;
            renderRoomLists();
        }
    }, (err) => {
        if (isServerError(err)) {
            dropRoom(room);
        }
        console.warn(`Joining ${room} failed:`, err);
    });
}

function dropRoom(room) {
    const roomState = state.rooms.get(room);
    if (!roomState) {
        return;
    }
    for (const typing of roomState.typing.values()) {
        clearTimeout(typing.timer);
    }
    state.rooms.delete(room);
    for (const [cmid, entry] of state.pending) {
        if (entry.room === room) {
            state.pending.delete(cmid);
        }
    }
    if (state.typingRoom === room) {
        state.typingRoom = null;
    }
    if (state.current === room) {
        state.current = null;
        const next = state.rooms.keys().next();
        if (!next.done) {
            state.current = next.value;
        }
        renderConversation(true);
    }
    persistRooms();
    renderRoomLists();
}

async function leaveRoom(room) {
    if (isDirectRoom(room)) {
        state.closedDms.add(room);
    }
    dropRoom(room);
    if (isConnected()) {
        try {
            await state.connection.invoke('LeaveRoom', room);
        } catch (err) {
            showChatError(hubErrorText(err));
        }
        refreshDirectory();
    }
}

function selectRoom(room) {
    if (!state.rooms.has(room)) {
        return;
    }
    if (state.typingRoom && state.typingRoom !== room) {
        stopTyping();
    }
    state.current = room;
    state.rooms.get(room).unread = 0;
    persistRooms();
    renderRoomLists();
    renderConversation(true);
    closeDrawers();
    if (window.matchMedia('(min-width: 700px)').matches) {
        $('composer').focus();
    }
}

async function onJoinSubmit(event) {
    event.preventDefault();
    const input = $('room-input');
    const room = input.value.trim().replace(/^#/, '').toLowerCase();
    const error = $('room-error');
    if (!ROOM_PATTERN.test(room)) {
        showMessage(error, 'Room names: 1–64 lower-case letters, digits, - or _, starting with a letter or digit.');
        return;
    }
    showMessage(error, '');
    input.value = '';
    await openRoom(room, error);
}

async function openRoom(room, errorNode) {
    const known = state.rooms.has(room);
    try {
        const joining = joinRoom(room);
        selectRoom(room);
        await joining;
        // The directory's online counts (and a room new to it) changed with this join.
        refreshDirectory();
    } catch (err) {
        if (!known) {
            dropRoom(room);
        }
        showMessage(errorNode, hubErrorText(err));
    }
}

async function onDmSubmit(event) {
    event.preventDefault();
    const input = $('dm-input');
    const userName = input.value.trim().replace(/^@/, '');
    await openDirect(userName, $('dm-error'));
    if ($('dm-error').hidden) {
        input.value = '';
    }
}

async function openDirect(userName, errorNode) {
    if (!USER_PATTERN.test(userName)) {
        showMessage(errorNode, 'Enter a user name (2–32 letters, digits, _ . -).');
        return;
    }
    if (sameUser(userName, state.user)) {
        showMessage(errorNode, 'That is you. Pick someone else.');
        return;
    }
    if (!isConnected()) {
        showMessage(errorNode, 'Not connected yet; try again in a moment.');
        return;
    }
    showMessage(errorNode, '');
    try {
        const room = await state.connection.invoke('OpenDirectRoom', userName);
        rememberName(userName);
        state.closedDms.delete(room);
        await openRoom(room, errorNode);
    } catch (err) {
        showMessage(errorNode, hubErrorText(err));
    }
}

async function refreshDirectory() {
    if (!isConnected()) {
        return;
    }
    try {
        const rooms = await state.connection.invoke('ListRooms');
        state.directory = Array.isArray(rooms) ? rooms : [];
    } catch (err) {
        // The list refreshes on a timer and after every reconnect; keep showing the last one.
        console.warn('ListRooms failed:', err);
        return;
    }
    // Direct rooms someone opened with us show up here: join them so their messages arrive.
    for (const info of state.directory) {
        if (isDirectRoom(info.room) && involvesMe(info.room, state.user)
            && !state.rooms.has(info.room) && !state.closedDms.has(info.room)) {
            joinInBackground(info.room);
        }
    }
    renderRoomLists();
}

// ---------------------------------------------------------------------------------------------
// Hub events

function onMessageReceived(message) {
    if (!message || !message.room) {
        return;
    }
    let roomState = state.rooms.get(message.room);
    if (!roomState) {
        if (isDirectRoom(message.room) && involvesMe(message.room, state.user)) {
            joinInBackground(message.room);
        }
        return;
    }
    rememberName(message.user);
    const typing = roomState.typing.get((message.user || '').toLowerCase());
    if (typing) {
        setTyping(roomState, message.user, false);
    }
    addMessages(roomState, [message], 'live');
}

/** Someone wrote to us in a direct room we have not joined (or closed): open it, so the message shows as unread. */
function onDirectRoomActivity(room, fromUser) {
    if (!isDirectRoom(room) || !involvesMe(room, state.user) || state.rooms.has(room)) {
        return;
    }
    rememberName(fromUser);
    state.closedDms.delete(room);
    persistRooms();
    joinInBackground(room);
}

function onUserJoined(room, userName) {
    const roomState = state.rooms.get(room);
    if (!roomState) {
        return;
    }
    rememberName(userName);
    roomState.online.set(userName.toLowerCase(), userName);
    if (room === state.current) {
        renderPresence();
    }
    renderRoomLists();
}

function onUserLeft(room, userName) {
    const roomState = state.rooms.get(room);
    if (!roomState) {
        return;
    }
    roomState.online.delete(userName.toLowerCase());
    setTyping(roomState, userName, false);
    if (room === state.current) {
        renderPresence();
    }
    renderRoomLists();
}

function onTypingChanged(room, userName, isTyping) {
    const roomState = state.rooms.get(room);
    if (roomState && !sameUser(userName, state.user)) {
        setTyping(roomState, userName, Boolean(isTyping));
    }
}

function setTyping(roomState, userName, isTyping, render = true) {
    if (!userName || sameUser(userName, state.user)) {
        return;
    }
    const key = userName.toLowerCase();
    const existing = roomState.typing.get(key);
    if (existing) {
        clearTimeout(existing.timer);
        roomState.typing.delete(key);
    }
    if (isTyping) {
        const timer = setTimeout(() => {
            if (roomState.typing.get(key)?.timer === timer) {
                roomState.typing.delete(key);
                renderTyping();
            }
        }, TYPING_LOCAL_EXPIRY_MS);
        roomState.typing.set(key, { name: userName, timer });
    }
    if (render) {
        renderTyping();
    }
}

function clearAllTyping() {
    for (const roomState of state.rooms.values()) {
        for (const typing of roomState.typing.values()) {
            clearTimeout(typing.timer);
        }
        roomState.typing.clear();
    }
    renderTyping();
}

// ---------------------------------------------------------------------------------------------
// Messages

/**
 * Adds messages to a room (each id once) and, for the room on screen, to the page.
 * kind: 'snapshot' | 'catch-up' | 'live' | 'history' | 'sent'.
 */
function addMessages(roomState, messages, kind) {
    const onScreen = roomState.room === state.current;
    const scroller = $('message-scroller');
    const wasNearBottom = isNearBottom();
    const previousHeight = scroller.scrollHeight;
    const previousTop = scroller.scrollTop;
    let appendedOwn = false;
    let appendedOther = false;

    for (const received of messages) {
        const message = fromWire(received);
        const index = roomState.log.insert(message);
        if (index < 0) {
            continue;
        }
        rememberName(message.user);
        const own = sameUser(message.user, state.user);
        const pending = message.clientMessageId && state.pending.get(message.clientMessageId);
        if (pending && own) {
            removePending(pending);
        }
        const isLast = index === roomState.log.items.length - 1;
        if (!own && (kind === 'live' || kind === 'catch-up') && (!onScreen || document.hidden)) {
            roomState.unread++;
        }
        if (onScreen) {
            insertMessageNode(roomState, index);
            if (isLast) {
                appendedOwn ||= own;
                appendedOther ||= !own;
            }
        }
    }

    if (onScreen) {
        if (kind === 'history') {
            // Keep the message the reader was looking at in place.
            scroller.scrollTop = previousTop + (scroller.scrollHeight - previousHeight);
        } else if (wasNearBottom || appendedOwn || kind === 'snapshot') {
            scrollToBottom();
        } else if (appendedOther) {
            $('jump-latest').hidden = false;
        }
        renderHistoryStatus();
        $('empty-state').hidden = roomState.log.items.length > 0 || state.pending.size > 0;
    }
    if (kind !== 'history') {
        renderRoomLists();
    }
}

function insertMessageNode(roomState, index) {
    const list = $('messages');
    const items = roomState.log.items;
    const node = messageNode(items[index], state.user);
    node.classList.toggle('continued', continues(items[index - 1], items[index]));
    list.insertBefore(node, list.children[index] || null);
    const next = list.children[index + 1];
    if (next) {
        next.classList.toggle('continued', continues(items[index], items[index + 1]));
    }
}

function isNearBottom() {
    const scroller = $('message-scroller');
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
}

function scrollToBottom() {
    const scroller = $('message-scroller');
    scroller.scrollTop = scroller.scrollHeight;
    $('jump-latest').hidden = true;
}

async function loadOlder() {
    const roomState = currentRoom();
    if (!roomState || !roomState.hasMore || roomState.loadingHistory || !roomState.log.oldestId || !isConnected()) {
        return;
    }
    roomState.loadingHistory = true;
    renderHistoryStatus();
    try {
        const page = await state.connection.invoke('GetHistory', roomState.room, roomState.log.oldestId, HISTORY_PAGE);
        roomState.hasMore = Boolean(page.hasMore);
        addMessages(roomState, page.messages || [], 'history');
    } catch (err) {
        showChatError(hubErrorText(err));
        return;
    } finally {
        roomState.loadingHistory = false;
        renderHistoryStatus();
    }
    // Nothing to scroll yet? Keep filling until there is, or history ends.
    const scroller = $('message-scroller');
    if (roomState === currentRoom() && roomState.hasMore && scroller.scrollHeight <= scroller.clientHeight + 40) {
        loadOlder();
    }
}

function onScroll() {
    const scroller = $('message-scroller');
    if (scroller.scrollTop < 150) {
        loadOlder();
    }
    if (isNearBottom()) {
        $('jump-latest').hidden = true;
        const roomState = currentRoom();
        if (roomState && roomState.unread) {
            roomState.unread = 0;
            renderRoomLists();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Sending

function onComposerSubmit(event) {
    event.preventDefault();
    const composer = $('composer');
    const room = state.current;
    const text = composer.value;
    if (!room || !text.trim()) {
        return;
    }
    if (textLength(text.trim()) > MAX_MESSAGE_LENGTH) {
        showChatError(`Message is too long (max ${MAX_MESSAGE_LENGTH} characters)`);
        return;
    }
    stopTyping();
    composer.value = '';
    autosize();
    updateComposerEnabled();
    const entry = { cmid: crypto.randomUUID(), room, text, status: 'sending', error: null, node: null };
    state.pending.set(entry.cmid, entry);
    renderPendingEntry(entry);
    scrollToBottom();
    deliver(entry);
}

/**
 * Sends one message. A transport failure (connection dropped before the reply) is retried with the
 * same clientMessageId once the connection is back and rooms are re-joined: the server answers a
 * repeated id with the first message, so nothing is duplicated. A refusal from the server
 * (rate limit, too long, not joined) is shown and left for the user to retry or discard.
 */
async function deliver(entry) {
    entry.status = 'sending';
    entry.error = null;
    renderPendingEntry(entry);
    for (let attempt = 0; ; attempt++) {
        await state.ready.promise;
        if (state.pending.get(entry.cmid) !== entry) {
            return;   // Arrived through the broadcast already, or discarded.
        }
        try {
            const message = await state.connection.invoke('SendMessage', entry.room, entry.text, entry.cmid);
            removePending(entry);
            const roomState = state.rooms.get(entry.room);
            if (roomState && message) {
                addMessages(roomState, [message], 'sent');
            }
            return;
        } catch (err) {
            if (state.stopping || state.pending.get(entry.cmid) !== entry) {
                return;
            }
            if (isServerError(err)) {
                entry.status = 'failed';
                entry.error = hubErrorText(err);
                renderPendingEntry(entry);
                if (entry.room === state.current) {
                    showChatError(entry.error);
                }
                return;
            }
            if (!isConnected()) {
                markNotReady();
            }
            await delay(Math.min(250 * (attempt + 1), 2000));
        }
    }
}

function removePending(entry) {
    state.pending.delete(entry.cmid);
    entry.node?.remove();
    entry.node = null;
}

function renderPendingEntry(entry) {
    if (entry.room !== state.current) {
        entry.node?.remove();
        entry.node = null;
        return;
    }
    const failed = entry.status === 'failed';
    const node = el('li', {
        class: `message own pending-message ${failed ? 'failed' : ''}`.trim(),
        dataset: { cmid: entry.cmid, testid: 'pending-message' },
    },
    avatar(state.user, 'message-avatar'),
    el('div', { class: 'bubble' },
        el('div', { class: 'meta' },
            el('span', { class: 'sender' }, `${state.user} (you)`),
            el('span', { class: 'time' }, failed ? 'not sent' : 'sending…')),
        el('div', { class: 'text' }, entry.text),
        failed ? el('div', { class: 'pending-actions' },
            el('span', { class: 'error small' }, entry.error),
            el('button', { type: 'button', class: 'link-button', onclick: () => deliver(entry) }, 'Retry'),
            el('button', { type: 'button', class: 'link-button', onclick: () => discardPending(entry) }, 'Discard'))
            : null));
    if (entry.node) {
        entry.node.replaceWith(node);
    } else {
        $('pending').append(node);
    }
    entry.node = node;
}

function discardPending(entry) {
    removePending(entry);
    if (!$('composer').value) {
        $('composer').value = entry.text;
        autosize();
        updateComposerEnabled();
    }
}

// ---------------------------------------------------------------------------------------------
// Typing (ours)

function onComposerInput() {
    autosize();
    updateComposerEnabled();
    const room = state.current;
    if (!room) {
        return;
    }
    if (!$('composer').value.trim()) {
        stopTyping();
        return;
    }
    const now = Date.now();
    if (state.typingRoom !== room || now - state.typingSentAt >= TYPING_THROTTLE_MS) {
        if (state.typingRoom && state.typingRoom !== room) {
            stopTyping();
        }
        state.typingRoom = room;
        state.typingSentAt = now;
        invokeQuietly('StartTyping', room);
    }
}

function stopTyping() {
    const room = state.typingRoom;
    if (!room) {
        return;
    }
    state.typingRoom = null;
    state.typingSentAt = 0;
    invokeQuietly('StopTyping', room);
}

function invokeQuietly(method, ...args) {
    if (isConnected()) {
        // Typing is a hint that expires on its own; a lost one is not worth bothering the user about.
        state.connection.invoke(method, ...args).catch((err) => console.debug(`${method} failed:`, err));
    }
}

function onComposerKeyDown(event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        $('composer-form').requestSubmit();
    }
}

function autosize() {
    const composer = $('composer');
    composer.style.height = 'auto';
    composer.style.height = `${Math.min(composer.scrollHeight, 200)}px`;
}

function updateComposerEnabled() {
    const composer = $('composer');
    const hasRoom = Boolean(state.current);
    composer.disabled = !hasRoom;
    $('send').disabled = !hasRoom || !composer.value.trim();
    composer.placeholder = hasRoom
        ? `Message ${label(state.current)} (Enter to send, Shift+Enter for a new line)`
        : 'Join a room to start chatting';
}

// ---------------------------------------------------------------------------------------------
// Rendering

function renderAll() {
    renderRoomLists();
    renderConversation(true);
}

function roomEntry(roomState) {
    const room = roomState.room;
    const current = room === state.current;
    const direct = isDirectRoom(room);
    const peer = direct ? displayName(directPeer(room, state.user)) : null;
    return el('li', { class: current ? 'room current' : 'room', dataset: { room, testid: 'room-entry' } },
        el('button', {
            type: 'button',
            class: 'room-button',
            'aria-current': current ? 'true' : null,
            onclick: () => selectRoom(room),
        },
        direct ? avatar(peer, 'small') : el('span', { class: 'hash', 'aria-hidden': 'true' }, '#'),
        el('span', { class: 'room-name' }, direct ? `@${peer}` : room),
        direct && roomState.online.has(directPeer(room, state.user))
            ? el('span', { class: 'online-dot', title: 'online' }) : null,
        roomState.unread
            ? el('span', { class: 'badge', dataset: { testid: 'unread' }, 'aria-label': `${roomState.unread} unread` },
                roomState.unread > 99 ? '99+' : String(roomState.unread))
            : null));
}

function renderRoomLists() {
    const publicRooms = [];
    const directRooms = [];
    for (const roomState of state.rooms.values()) {
        (isDirectRoom(roomState.room) ? directRooms : publicRooms).push(roomState);
    }
    $('joined-rooms').replaceChildren(...publicRooms.map(roomEntry));
    $('dm-list').replaceChildren(...directRooms.map(roomEntry));

    const directory = state.directory
        .filter((info) => info && typeof info.room === 'string' && !isDirectRoom(info.room))
        .sort((a, b) => (b.online - a.online) || a.room.localeCompare(b.room));
    $('room-list').replaceChildren(...directory.map((info) => {
        const joined = state.rooms.has(info.room);
        return el('li', { class: joined ? 'room joined' : 'room', dataset: { room: info.room, testid: 'directory-entry' } },
            el('button', {
                type: 'button',
                class: 'room-button',
                title: joined ? 'Open' : 'Join',
                onclick: () => openRoom(info.room, $('room-error')),
            },
            el('span', { class: 'hash', 'aria-hidden': 'true' }, '#'),
            el('span', { class: 'room-name' }, info.room),
            el('span', { class: 'online-count', dataset: { testid: 'online-count' } }, `${Number(info.online) || 0} online`)));
    }));
    $('room-list-empty').hidden = directory.length > 0;

    const unread = [...state.rooms.values()].reduce((sum, r) => sum + r.unread, 0);
    document.title = unread ? `(${unread}) ChatServer` : 'ChatServer';
}

/** Redraws the main pane for the current room; `full` rebuilds the message list. */
function renderConversation(full) {
    const roomState = currentRoom();
    $('room-title').textContent = roomState ? label(roomState.room) : 'No room selected';
    $('leave').hidden = !roomState;
    $('leave').textContent = roomState && isDirectRoom(roomState.room) ? 'Close' : 'Leave';
    if (full) {
        const list = $('messages');
        list.replaceChildren();
        if (roomState) {
            roomState.log.items.forEach((_, index) => insertMessageNode(roomState, index));
        }
        $('pending').replaceChildren();
        for (const entry of state.pending.values()) {
            entry.node = null;
            if (roomState && entry.room === roomState.room) {
                renderPendingEntry(entry);
            }
        }
        scrollToBottom();
        showChatError('');
    }
    $('empty-state').hidden = Boolean(roomState) && (roomState.log.items.length > 0 || state.pending.size > 0);
    $('empty-state').firstElementChild.textContent = roomState
        ? (roomState.joined ? 'No messages yet. Say hello!' : 'Joining…')
        : 'Join a room or open a direct message to start chatting.';
    renderHistoryStatus();
    renderPresence();
    renderTyping();
    updateComposerEnabled();
}

function renderHistoryStatus() {
    const roomState = currentRoom();
    const loading = Boolean(roomState && roomState.loadingHistory);
    $('history-loading').hidden = !loading;
    $('load-older').hidden = loading || !roomState || !roomState.hasMore;
    $('history-start').hidden = loading || !roomState || roomState.hasMore || !roomState.joined
        || roomState.log.items.length === 0;
}

function renderPresence() {
    const roomState = currentRoom();
    const names = roomState ? [...roomState.online.values()] : [];
    names.sort((a, b) => {
        if (sameUser(a, state.user)) return -1;
        if (sameUser(b, state.user)) return 1;
        return a.localeCompare(b, undefined, { sensitivity: 'base' });
    });
    $('presence').replaceChildren(...names.map((name) => {
        const me = sameUser(name, state.user);
        return el('li', { class: 'person', dataset: { user: name, testid: 'presence-entry' } },
            avatar(name, 'small'),
            el('span', { class: 'person-name' }, name),
            me ? el('span', { class: 'muted small' }, '(you)') : null,
            !me ? el('button', {
                type: 'button',
                class: 'link-button small dm-button',
                title: `Direct message ${name}`,
                onclick: () => openDirect(name, $('dm-error')),
            }, 'Message') : null);
    }));
    $('presence-count').textContent = roomState ? String(names.length) : '';
    $('room-online').textContent = roomState && roomState.joined ? `${names.length} online` : '';
}

function renderTyping() {
    const roomState = currentRoom();
    const names = roomState ? [...roomState.typing.values()].map((t) => t.name) : [];
    $('typing').textContent = typingText(names);
}

// ---------------------------------------------------------------------------------------------
// Layout on small screens

function closeDrawers() {
    document.body.classList.remove('sidebar-open', 'people-open');
    $('scrim').hidden = true;
}

function openDrawer(which) {
    closeDrawers();
    document.body.classList.add(which);
    $('scrim').hidden = false;
}

// ---------------------------------------------------------------------------------------------
// Start-up

function wire() {
    $('auth-form').addEventListener('submit', (e) => { e.preventDefault(); authenticate(false); });
    $('register').addEventListener('click', () => authenticate(true));
    $('logout').addEventListener('click', () => logout('', true));
    $('retry').addEventListener('click', onRetryClick);
    $('join-form').addEventListener('submit', onJoinSubmit);
    $('dm-form').addEventListener('submit', onDmSubmit);
    $('refresh-rooms').addEventListener('click', refreshDirectory);
    $('leave').addEventListener('click', () => { if (state.current) leaveRoom(state.current); });
    $('composer-form').addEventListener('submit', onComposerSubmit);
    $('composer').addEventListener('input', onComposerInput);
    $('composer').addEventListener('keydown', onComposerKeyDown);
    $('composer').addEventListener('blur', stopTyping);
    $('message-scroller').addEventListener('scroll', onScroll, { passive: true });
    $('load-older').addEventListener('click', loadOlder);
    $('jump-latest').addEventListener('click', scrollToBottom);
    $('chat-error-close').addEventListener('click', () => showChatError(''));
    $('sidebar-open').addEventListener('click', () => openDrawer('sidebar-open'));
    $('people-toggle').addEventListener('click', () => openDrawer('people-open'));
    $('sidebar-close').addEventListener('click', closeDrawers);
    $('people-close').addEventListener('click', closeDrawers);
    $('scrim').addEventListener('click', closeDrawers);
    document.addEventListener('visibilitychange', () => {
        if (!document.hidden) {
            refreshDirectory();
        }
        const roomState = currentRoom();
        if (!document.hidden && roomState && roomState.unread && isNearBottom()) {
            roomState.unread = 0;
            renderRoomLists();
        }
    });
    window.addEventListener('pagehide', stopTyping);
}

function restore() {
    // A stale access token is fine: the session renews it before the first connection uses it.
    const session = Session.restore(() => onSessionEnded(session));
    if (session) {
        for (const room of readJson(STORE.closedDms, [])) {
            state.closedDms.add(room);
        }
        enterApp(session, readJson(STORE.rooms, []), sessionStorage.getItem(STORE.current));
        return;
    }
    const leftovers = Session.hasLeftovers();
    Session.forget();
    for (const key of Object.values(STORE)) {
        sessionStorage.removeItem(key);
    }
    $('auth-view').hidden = false;
    if (leftovers) {
        showMessage($('auth-error'), SESSION_EXPIRED);
    }
    $('username').focus();
}

wire();
restore();
