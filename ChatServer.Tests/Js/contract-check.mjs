// External-client contract check: drives a running ChatServer with the official SignalR JavaScript
// client under Node, using only what /work/shared/contract.md promises (HTTP auth, hub methods,
// client events, error messages). Usage: node contract-check.mjs http://127.0.0.1:PORT
// Exits 0 when every check passes; on the first failure prints what was expected and exits 1.

import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';

const require = createRequire(import.meta.url);

const STEP_TIMEOUT_MS = 10_000;   // bound on every wait for a reply or an event
const ID = /^\d+-\d+$/;

const connections = [];
let step = 'start-up';   // the check now running, named in a failure

let signalR;
try {
    // Resolved upwards from this file: the repository's node_modules (a symlink in worktrees).
    signalR = require('@microsoft/signalr');
} catch (error) {
    fail(`@microsoft/signalr not found from ${import.meta.url} (${error.message}); run 'npm ci' in the repository root`);
}

const baseUrl = (process.argv[2] || process.env.CHAT_BASE_URL || '').replace(/\/+$/, '');
if (!/^https?:\/\/[^/]+$/.test(baseUrl)) {
    fail(`usage: node contract-check.mjs http://127.0.0.1:PORT (got '${process.argv[2] ?? ''}')`);
}

function fail(message) {
    console.error(`FAIL [${step}]: ${message}`);
    process.exit(1);
}

function check(condition, message) {
    if (!condition) {
        throw new Error(message);
    }
}

function equal(actual, expected, what) {
    check(JSON.stringify(actual) === JSON.stringify(expected),
        `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function withTimeout(promise, what, ms = STEP_TIMEOUT_MS) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ------------------------------------------------------------------------------------------------
// HTTP

async function http(method, path, body, token) {
    const headers = {};
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    if (token) {
        headers.Authorization = `Bearer ${token}`;
    }
    const response = await withTimeout(fetch(baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
    }), `${method} ${path}`);
    const text = await response.text();
    const contentType = response.headers.get('content-type') || '';
    let json = null;
    if (text && contentType.includes('json')) {
        try {
            json = JSON.parse(text);
        } catch (error) {
            throw new Error(`${method} ${path}: body is not JSON (${error.message}): ${text.slice(0, 200)}`);
        }
    }
    return { status: response.status, json, contentType };
}

async function signUp(userName, password) {
    const registered = await http('POST', '/api/auth/register', { userName, password });
    equal(registered.status, 201, `register ${userName} status`);
    equal(registered.json?.userName, userName, 'register response userName');
    const login = await http('POST', '/api/auth/login', { userName, password });
    equal(login.status, 200, `login ${userName} status`);
    check(typeof login.json?.accessToken === 'string' && login.json.accessToken.length > 0, 'login: accessToken missing');
    check(Number.isFinite(login.json?.expiresIn) && login.json.expiresIn > 0, `login: expiresIn ${login.json?.expiresIn}`);
    equal(login.json.userName, userName, 'login response userName');
    return { userName, token: login.json.accessToken };
}

// ------------------------------------------------------------------------------------------------
// Hub connections: every client event is recorded, so a check can wait for one that already came.

const T = () => signalR.HttpTransportType;

async function connect(user, label, transportOptions = {}) {
    const connection = new signalR.HubConnectionBuilder()
        .withUrl(`${baseUrl}/hubs/chat`, { accessTokenFactory: () => user.token, ...transportOptions })
        .configureLogging(signalR.LogLevel.Error)
        .build();
    const client = { user, label, connection, events: [], waiters: [] };
    for (const name of ['MessageReceived', 'UserJoined', 'UserLeft', 'TypingChanged']) {
        connection.on(name, (...args) => {
            const event = { name, args };
            client.events.push(event);
            for (const waiter of [...client.waiters]) {
                if (waiter.matches(event)) {
                    client.waiters.splice(client.waiters.indexOf(waiter), 1);
                    waiter.resolve(event);
                }
            }
        });
    }
    await withTimeout(connection.start(), `${label}: start`);
    connections.push(client);
    return client;
}

/** Resolves with the first recorded or future event `name` whose arguments pass `predicate`; consumes it. */
function waitForEvent(client, name, predicate, what) {
    const matches = (event) => event.name === name && predicate(...event.args);
    const index = client.events.findIndex(matches);
    if (index >= 0) {
        return Promise.resolve(client.events.splice(index, 1)[0].args);
    }
    const promise = new Promise((resolve) => {
        client.waiters.push({
            matches,
            resolve: (event) => {
                client.events.splice(client.events.indexOf(event), 1);
                resolve(event.args);
            },
        });
    });
    return withTimeout(promise, `${client.label}: ${what}`);
}

function received(client, room, predicate, what) {
    return waitForEvent(client, 'MessageReceived', (m) => m.room === room && predicate(m), what)
        .then(([message]) => message);
}

function invoke(client, method, ...args) {
    return withTimeout(client.connection.invoke(method, ...args), `${client.label}: ${method} reply`);
}

/** The call must fail with a HubException carrying `expected`, and the connection must stay usable. */
async function expectHubError(client, expected, method, ...args) {
    let error = null;
    try {
        await invoke(client, method, ...args);
    } catch (caught) {
        error = caught;
    }
    check(error !== null, `${method}(${JSON.stringify(args).slice(0, 120)}) succeeded; expected an error containing '${expected}'`);
    const message = String(error.message);
    check(message.includes('HubException'), `${method}: expected a HubException, got: ${message}`);
    check(message.includes(expected), `${method}: expected an error containing '${expected}', got: ${message}`);
    equal(client.connection.state, signalR.HubConnectionState.Connected, `${client.label} state after a failed ${method}`);
    const info = await invoke(client, 'GetServerInfo');
    check(typeof info?.instanceId === 'string', `${client.label}: GetServerInfo after a failed ${method} returned ${JSON.stringify(info)}`);
}

function checkMessageShape(message, { room, user, text, clientMessageId }) {
    check(message && typeof message === 'object', `message is ${JSON.stringify(message)}`);
    check(ID.test(message.id), `message id '${message.id}' is not <digits>-<digits>`);
    equal(message.room, room, 'message.room');
    equal(message.user, user, 'message.user');
    equal(message.text, text, 'message.text');
    equal(message.clientMessageId, clientMessageId, 'message.clientMessageId');
    check(typeof message.sentAt === 'string' && /Z$|[+-]00:00$/.test(message.sentAt) && !Number.isNaN(Date.parse(message.sentAt)),
        `message.sentAt '${message.sentAt}' is not ISO-8601 UTC`);
}

function idsOf(messages) {
    return messages.map((m) => m.id);
}

function compareIds(a, b) {
    const [am, as] = a.split('-').map(BigInt);
    const [bm, bs] = b.split('-').map(BigInt);
    return am !== bm ? (am < bm ? -1 : 1) : as === bs ? 0 : as < bs ? -1 : 1;
}

function checkAscending(messages, what) {
    for (let i = 1; i < messages.length; i++) {
        check(compareIds(messages[i - 1].id, messages[i].id) < 0, `${what}: ids not ascending at ${i}: ${idsOf(messages)}`);
    }
}

// ------------------------------------------------------------------------------------------------
// Checks

const suffix = randomUUID().replaceAll('-', '').slice(0, 8);
const password = 'contract-check-pw';
const room = `js-${suffix}`;

async function run(name, body) {
    step = name;
    await body();
    console.log(`ok   ${name}`);
}

async function main() {
    let alice;
    let bob;
    let carol;

    await run('GET /api/server needs a token; health does not', async () => {
        equal((await http('GET', '/api/server')).status, 401, 'GET /api/server without a token');
        equal((await http('GET', '/health/live')).status, 200, 'GET /health/live');
        equal((await http('GET', '/health/ready')).status, 200, 'GET /health/ready');
    });

    await run('register and login over HTTP', async () => {
        alice = await signUp(`Alice_${suffix}`, password);
        bob = await signUp(`bob_${suffix}`, password);
        carol = await signUp(`carol_${suffix}`, password);
        const taken = await http('POST', '/api/auth/register', { userName: alice.userName.toUpperCase(), password });
        equal(taken.status, 409, 'register a name taken (ignoring case)');
        const badName = await http('POST', '/api/auth/register', { userName: 'x', password });
        equal(badName.status, 400, 'register an invalid user name');
        check(badName.contentType.includes('problem+json'), `400 should be ProblemDetails, content-type '${badName.contentType}'`);
        const shortPassword = await http('POST', '/api/auth/register', { userName: `dave_${suffix}`, password: 'short' });
        equal(shortPassword.status, 400, 'register a too-short password');
        const wrong = await http('POST', '/api/auth/login', { userName: alice.userName, password: 'wrong-password' });
        equal(wrong.status, 401, 'login with a wrong password');
        equal((await http('GET', '/api/rooms')).status, 401, 'GET /api/rooms without a token');
    });

    let a;
    let b;
    await run('connect: default negotiate flow and skipNegotiation WebSockets', async () => {
        a = await connect(alice, 'alice(negotiate)');
        b = await connect(bob, 'bob(websockets)', { skipNegotiation: true, transport: T().WebSockets });
        const info = await invoke(a, 'GetServerInfo');
        const server = await http('GET', '/api/server', undefined, alice.token);
        equal(server.status, 200, 'GET /api/server status');
        check(['memory', 'redis'].includes(server.json?.mode), `mode: ${server.json?.mode}`);
        equal({ instanceId: info.instanceId, mode: info.mode }, server.json, 'GetServerInfo matches GET /api/server');
        check(typeof info.connectionId === 'string' && info.connectionId.length > 0, `GetServerInfo names the connection: ${JSON.stringify(info)}`);
    });

    const sent = [];
    await run('JoinRoom snapshot, UserJoined, presence', async () => {
        const first = await invoke(a, 'JoinRoom', room, null);
        equal(first.room, room, 'snapshot.room');
        equal(first.messages, [], 'snapshot.messages of a new room');
        equal(first.hasMore, false, 'snapshot.hasMore of a new room');
        equal(first.online, [alice.userName], 'snapshot.online');
        equal(first.typing, [], 'snapshot.typing');
        const second = await invoke(b, 'JoinRoom', room, null);
        equal([...second.online].sort(), [alice.userName, bob.userName].sort(), 'snapshot.online after the second join');
        await waitForEvent(a, 'UserJoined', (r, u) => r === room && u === bob.userName, `UserJoined(${room}, bob)`);
    });

    await run('SendMessage, MessageReceived to every connection, clientMessageId idempotence', async () => {
        const cmid = randomUUID();
        const text = `hello from alice ${suffix}`;
        const reply = await invoke(a, 'SendMessage', room, text, cmid);
        checkMessageShape(reply, { room, user: alice.userName, text, clientMessageId: cmid });
        const atBob = await received(b, room, (m) => m.id === reply.id, 'MessageReceived of alice\'s message');
        equal(atBob, reply, 'broadcast equals the SendMessage reply');
        await received(a, room, (m) => m.id === reply.id, 'alice\'s own MessageReceived');
        sent.push(reply);

        const again = await invoke(a, 'SendMessage', room, 'a different text, same id', cmid);
        equal(again, reply, 'a repeated clientMessageId returns the first message');

        const fromBob = await invoke(b, 'SendMessage', room, `  reply from bob ${suffix}  `, randomUUID());
        equal(fromBob.text, `reply from bob ${suffix}`, 'text is stored trimmed');
        check(compareIds(reply.id, fromBob.id) < 0, `ids ordered: ${reply.id} < ${fromBob.id}`);
        await received(a, room, (m) => m.id === fromBob.id, 'MessageReceived of bob\'s reply');
        sent.push(fromBob);
        // The repeat broadcast nothing: bob saw alice's id once, before his own message.
        await received(b, room, (m) => m.id === fromBob.id, 'bob\'s own MessageReceived');
        check(!b.events.some((e) => e.name === 'MessageReceived' && e.args[0].id === reply.id),
            'a repeated clientMessageId was broadcast again');
    });

    await run('TypingChanged: StartTyping and StopTyping reach the others only', async () => {
        await invoke(b, 'StartTyping', room);
        await waitForEvent(a, 'TypingChanged', (r, u, t) => r === room && u === bob.userName && t === true, 'TypingChanged(bob, true)');
        const snapshot = await invoke(a, 'JoinRoom', room, sent[sent.length - 1].id);
        equal(snapshot.typing, [bob.userName], 'snapshot.typing while bob types');
        await invoke(b, 'StopTyping', room);
        await waitForEvent(a, 'TypingChanged', (r, u, t) => r === room && u === bob.userName && t === false, 'TypingChanged(bob, false)');
        check(!b.events.some((e) => e.name === 'TypingChanged'), 'bob was sent his own TypingChanged');
    });

    await run('GetHistory with beforeId, JoinRoom with sinceId, HTTP history', async () => {
        for (let i = 0; i < 4; i++) {
            const sender = i % 2 === 0 ? a : b;
            sent.push(await invoke(sender, 'SendMessage', room, `history ${i} ${suffix}`, randomUUID()));
        }
        const all = idsOf(sent);   // six messages, oldest first
        const latest = await invoke(a, 'GetHistory', room, null, 3);
        equal(idsOf(latest.messages), all.slice(3), 'GetHistory(null, 3): the latest three, oldest first');
        equal(latest.hasMore, true, 'GetHistory(null, 3).hasMore');
        const older = await invoke(a, 'GetHistory', room, latest.messages[0].id, 100);
        equal(idsOf(older.messages), all.slice(0, 3), 'GetHistory(beforeId): strictly before, oldest first');
        equal(older.hasMore, false, 'GetHistory(beforeId).hasMore at the start');
        checkAscending(older.messages, 'GetHistory');

        const since = await invoke(b, 'JoinRoom', room, all[1]);
        equal(idsOf(since.messages), all.slice(2), 'JoinRoom(sinceId): every message after sinceId');
        equal(since.hasMore, false, 'JoinRoom(sinceId).hasMore');
        const fresh = await invoke(b, 'JoinRoom', room, null);
        equal(idsOf(fresh.messages), all, 'JoinRoom(null): the latest messages');

        const page = await http('GET', `/api/rooms/${room}/messages?before=${encodeURIComponent(all[5])}&limit=2`, undefined, alice.token);
        equal(page.status, 200, 'GET /api/rooms/{room}/messages status');
        equal(idsOf(page.json.messages), all.slice(3, 5), 'GET messages?before&limit');
        equal(page.json.hasMore, true, 'GET messages hasMore');
        equal((await http('GET', `/api/rooms/${room}/messages?before=nope`, undefined, alice.token)).status, 400,
            'GET messages with a malformed before');
    });

    await run('ListRooms and GET /api/rooms', async () => {
        const rooms = await invoke(a, 'ListRooms');
        const entry = rooms.find((r) => r.room === room);
        equal(entry, { room, online: 2, unread: 0, lastReadId: null }, 'ListRooms entry');
        const overHttp = await http('GET', '/api/rooms', undefined, alice.token);
        equal(overHttp.status, 200, 'GET /api/rooms status');
        equal(overHttp.json.find((r) => r.room === room), { room, online: 2, unread: 0, lastReadId: null }, 'GET /api/rooms entry');
    });

    await run('HubException for bad input; the connection stays usable', async () => {
        await expectHubError(a, 'Message is too long (max 4000 characters)', 'SendMessage', room, 'x'.repeat(4001), randomUUID());
        // 4000 characters after trimming is allowed.
        const longest = await invoke(a, 'SendMessage', room, ` ${'y'.repeat(4000)} `, randomUUID());
        equal(longest.text.length, 4000, 'a 4000-character message');
        sent.push(longest);
        await expectHubError(a, 'Join the room before sending', 'SendMessage', `not-joined-${suffix}`, 'hi', randomUUID());
        await expectHubError(a, 'sinceId', 'JoinRoom', room, 'not-an-id');
        await expectHubError(a, 'beforeId', 'GetHistory', room, '12-ab', 10);
        await expectHubError(a, 'limit', 'GetHistory', room, null, 0);
        await expectHubError(a, 'limit', 'GetHistory', room, null, 101);
        await expectHubError(a, 'No user named', 'OpenDirectRoom', `nobody_${suffix}`);
        await expectHubError(a, 'Message is empty', 'SendMessage', room, '   ', randomUUID());
        // The room still works for everyone after all that.
        const after = await invoke(a, 'SendMessage', room, `still here ${suffix}`, randomUUID());
        await received(b, room, (m) => m.id === after.id, 'a message after the errors');
        sent.push(after);
    });

    let carolSocket;
    await run('OpenDirectRoom, direct messages, non-members refused', async () => {
        const dm = await invoke(a, 'OpenDirectRoom', bob.userName);
        const expected = `dm:${[alice.userName.toLowerCase(), bob.userName.toLowerCase()].sort().join(':')}`;
        equal(dm, expected, 'OpenDirectRoom id');
        equal(await invoke(b, 'OpenDirectRoom', alice.userName.toUpperCase()), expected, 'OpenDirectRoom from the other side, any case');
        await invoke(a, 'JoinRoom', dm, null);
        await invoke(b, 'JoinRoom', dm, null);
        const note = await invoke(a, 'SendMessage', dm, `private ${suffix}`, randomUUID());
        checkMessageShape(note, { room: dm, user: alice.userName, text: `private ${suffix}`, clientMessageId: note.clientMessageId });
        await received(b, dm, (m) => m.id === note.id, 'the direct message');
        const listed = await invoke(b, 'ListRooms');
        check(listed.some((r) => r.room === dm), `bob's ListRooms lacks ${dm}: ${JSON.stringify(listed)}`);

        carolSocket = await connect(carol, 'carol(websockets)', { transport: T().WebSockets });
        await expectHubError(carolSocket, 'Not a member of this direct room', 'JoinRoom', dm, null);
        await expectHubError(carolSocket, 'Not a member of this direct room', 'GetHistory', dm, null, 10);
        await expectHubError(carolSocket, 'Not a member of this direct room', 'SendMessage', dm, 'let me in', randomUUID());
        const forbidden = await http('GET', `/api/rooms/${encodeURIComponent(dm)}/messages?limit=10`, undefined, carol.token);
        equal(forbidden.status, 403, 'GET a direct room\'s messages as a non-member');
        const carolRooms = await invoke(carolSocket, 'ListRooms');
        check(!carolRooms.some((r) => r.room === dm), `carol's ListRooms shows ${dm}`);
        check(!carolSocket.events.some((e) => e.name === 'MessageReceived' && e.args[0].room === dm), 'carol received a direct message');
    });

    for (const [name, options] of [
        ['ServerSentEvents', { transport: T().ServerSentEvents }],
        ['LongPolling', { transport: T().LongPolling }],
    ]) {
        await run(`${name} transport: join, send, receive, leave on disconnect`, async () => {
            const c = await connect(carol, `carol(${name})`, options);
            const snapshot = await invoke(c, 'JoinRoom', room, null);
            check(snapshot.online.includes(carol.userName), `${name}: snapshot.online lacks carol`);
            await waitForEvent(a, 'UserJoined', (r, u) => r === room && u === carol.userName, `UserJoined(carol over ${name})`);
            const fromAlice = await invoke(a, 'SendMessage', room, `to carol over ${name}`, randomUUID());
            await received(c, room, (m) => m.id === fromAlice.id, `carol receives over ${name}`);
            const fromCarol = await invoke(c, 'SendMessage', room, `from carol over ${name}`, randomUUID());
            await received(a, room, (m) => m.id === fromCarol.id, `alice receives carol's ${name} message`);
            await invoke(c, 'StartTyping', room);
            await waitForEvent(a, 'TypingChanged', (r, u, t) => r === room && u === carol.userName && t, `carol typing over ${name}`);
            await withTimeout(c.connection.stop(), `carol(${name}) stop`);
            await waitForEvent(a, 'UserLeft', (r, u) => r === room && u === carol.userName, `UserLeft(carol) when the ${name} connection closes`);
            await waitForEvent(a, 'TypingChanged', (r, u, t) => r === room && u === carol.userName && !t, `carol stops typing when ${name} closes`);
        });
    }

    await run('LeaveRoom broadcasts UserLeft; the leaver gets no more messages', async () => {
        await invoke(b, 'LeaveRoom', room);
        await waitForEvent(a, 'UserLeft', (r, u) => r === room && u === bob.userName, 'UserLeft(bob)');
        const afterLeave = await invoke(a, 'SendMessage', room, `after bob left ${suffix}`, randomUUID());
        await received(a, room, (m) => m.id === afterLeave.id, 'alice\'s own message after bob left');
        const rooms = await invoke(a, 'ListRooms');
        equal(rooms.find((r) => r.room === room), { room, online: 1, unread: 0, lastReadId: null }, 'ListRooms after LeaveRoom');
        await expectHubError(b, 'Join the room before sending', 'SendMessage', room, 'ghost', randomUUID());
        // A ping round trip on bob's connection orders the check after any stray broadcast.
        await invoke(b, 'GetServerInfo');
        check(!b.events.some((e) => e.name === 'MessageReceived' && e.args[0].id === afterLeave.id), 'bob got a message after LeaveRoom');
    });

    await run('rate limit: a HubException for the flooder only, bounded at 100 sends', async () => {
        const flooder = await signUp(`flood_${suffix}`, password);
        const f = await connect(flooder, 'flooder(negotiate)');
        const floodRoom = `flood-${suffix}`;
        await invoke(f, 'JoinRoom', floodRoom, null);
        await invoke(a, 'JoinRoom', floodRoom, null);
        let limited = null;
        for (let i = 0; i < 100 && limited === null; i++) {
            try {
                await invoke(f, 'SendMessage', floodRoom, `flood ${i}`, randomUUID());
            } catch (error) {
                limited = error;
            }
        }
        check(limited !== null, '100 sends in a row were never rate limited (contract: 10/s, burst 20)');
        check(/HubException: Rate limit exceeded; retry in \d+ s/.test(String(limited.message)), `rate limit error: ${limited.message}`);
        equal(f.connection.state, signalR.HubConnectionState.Connected, 'flooder state after the rate limit');
        // Another user is not affected.
        const other = await invoke(a, 'SendMessage', floodRoom, `unaffected ${suffix}`, randomUUID());
        await received(f, floodRoom, (m) => m.id === other.id, 'the flooder still receives');
    });

    await run('a bad token is refused', async () => {
        const stranger = new signalR.HubConnectionBuilder()
            .withUrl(`${baseUrl}/hubs/chat`, { accessTokenFactory: () => 'not-a-token' })
            .configureLogging(signalR.LogLevel.None)
            .build();
        let refused = null;
        try {
            await withTimeout(stranger.start(), 'start with a bad token');
        } catch (error) {
            refused = error;
        }
        check(refused !== null, 'a connection with a bad token started');
        check(/401|Unauthorized/i.test(String(refused.message)), `bad token error: ${refused.message}`);
    });
}

try {
    await main();
    step = 'shutdown';
    await Promise.all(connections.map((c) => withTimeout(c.connection.stop(), `${c.label}: stop`)));
    console.log('all contract checks passed');
    process.exit(0);
} catch (error) {
    const cause = error && error.cause ? `\ncaused by: ${error.cause.stack || error.cause}` : '';
    fail((error && error.stack ? error.stack : String(error)) + cause);
}
