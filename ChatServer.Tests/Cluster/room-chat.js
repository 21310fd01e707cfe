// The JavaScript half of ClusterRoomChatTests: the official @microsoft/signalr client (under Node, each connection
// with its own cookie jar, negotiating through nginx) joins its room, waits for the .NET half, sends its messages
// and records every MessageReceived in arrival order. Run with:
//   CHAT_URL=http://127.0.0.1:8080 CLIENTS_FILE=clients.json READY_FILE=ready GO_FILE=go MESSAGES_PER_CLIENT=3 \
//   MESSAGES_PER_ROOM=30 node room-chat.js
// CLIENTS_FILE holds [{user, token, room}]. Writes READY_FILE once every client has joined, starts sending when
// GO_FILE exists, prints one JSON object {clients: [{user, room, instanceId, received: [id...]}]} on stdout when every
// client received MESSAGES_PER_ROOM messages; exits 1 with the error on stderr otherwise.
"use strict";

const fs = require("fs");
const signalR = require("@microsoft/signalr");

const baseUrl = process.env.CHAT_URL;
const clientsFile = process.env.CLIENTS_FILE;
const readyFile = process.env.READY_FILE;
const goFile = process.env.GO_FILE;
const perClient = Number(process.env.MESSAGES_PER_CLIENT || "3");
const perRoom = Number(process.env.MESSAGES_PER_ROOM || "30");
const stepTimeoutMs = 20000;

if (!baseUrl || !clientsFile || !readyFile || !goFile) {
    console.error("CHAT_URL, CLIENTS_FILE, READY_FILE and GO_FILE must be set");
    process.exit(2);
}

function withTimeout(promise, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: not done within ${stepTimeoutMs} ms`)), stepTimeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function waitForFile(path) {
    return withTimeout(new Promise((resolve) => {
        const poll = setInterval(() => {
            if (fs.existsSync(path)) {
                clearInterval(poll);
                resolve();
            }
        }, 50);
    }), `waiting for ${path}`);
}

async function connect(spec) {
    const connection = new signalR.HubConnectionBuilder()
        .withUrl(`${baseUrl}/hubs/chat`, { transport: signalR.HttpTransportType.WebSockets, accessTokenFactory: () => spec.token })
        .configureLogging(signalR.LogLevel.None)
        .build();
    const client = { spec, connection, received: [], instanceId: null };
    client.complete = new Promise((resolve) => {
        connection.on("MessageReceived", (message) => {
            if (message.room === spec.room) {
                client.received.push(message.id);
                if (client.received.length === perRoom) {
                    resolve();
                }
            }
        });
    });
    await withTimeout(connection.start(), `${spec.user} start`);
    client.instanceId = (await withTimeout(connection.invoke("GetServerInfo"), `${spec.user} GetServerInfo`)).instanceId;
    await withTimeout(connection.invoke("JoinRoom", spec.room, null), `${spec.user} JoinRoom`);
    return client;
}

async function send(client) {
    for (let k = 0; k < perClient; k++) {
        const text = `${client.spec.user} message ${k}`;
        await withTimeout(client.connection.invoke("SendMessage", client.spec.room, text, `${client.spec.user}-${k}`), `${client.spec.user} SendMessage ${k}`);
    }
}

async function main() {
    const specs = JSON.parse(fs.readFileSync(clientsFile, "utf8"));
    const clients = [];
    try {
        // One after another, each kept open, so nginx's least_conn spreads them over the instances.
        for (const spec of specs) {
            clients.push(await connect(spec));
        }
        fs.writeFileSync(readyFile, "ready");
        await waitForFile(goFile);
        await Promise.all(clients.map(send));
        await Promise.all(clients.map((client) => withTimeout(client.complete, `${client.spec.user} receiving ${perRoom} messages`)));
    } finally {
        await Promise.allSettled(clients.map((client) => client.connection.stop()));
    }
    const result = clients.map((client) => ({ user: client.spec.user, room: client.spec.room, instanceId: client.instanceId, received: client.received }));
    process.stdout.write(JSON.stringify({ clients: result }) + "\n");
}

main().then(
    () => process.exit(0),
    (error) => {
        console.error(error && error.stack ? error.stack : String(error));
        process.exit(1);
    });
