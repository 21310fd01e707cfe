// Connects the official @microsoft/signalr client (under Node, with its own cookie jar) through nginx with each
// transport, and proves every connection works end to end: GetServerInfo, JoinRoom, SendMessage and the
// MessageReceived echo. A transport request that nginx sent to another instance than its negotiate fails to
// start (that instance does not know the connection token), so success across many connections shows the
// affinity cookie routing works. Run by ClusterTransportTests with:
//   CHAT_URL=http://127.0.0.1:8080 CHAT_TOKEN=<bearer token> CONNECTIONS_PER_TRANSPORT=6 node transports.js
// Prints one JSON object on stdout; exits 1 with the error on stderr when anything fails.
"use strict";

const signalR = require("@microsoft/signalr");

const baseUrl = process.env.CHAT_URL;
const token = process.env.CHAT_TOKEN;
const perTransport = Number(process.env.CONNECTIONS_PER_TRANSPORT || "6");
const stepTimeoutMs = 15000;

if (!baseUrl || !token) {
    console.error("CHAT_URL and CHAT_TOKEN must be set");
    process.exit(2);
}

const variants = [
    { name: "WebSockets", transport: signalR.HttpTransportType.WebSockets, skipNegotiation: false, className: "WebSocketTransport" },
    { name: "WebSocketsSkipNegotiation", transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true, className: "WebSocketTransport" },
    { name: "ServerSentEvents", transport: signalR.HttpTransportType.ServerSentEvents, skipNegotiation: false, className: "ServerSentEventsTransport" },
    { name: "LongPolling", transport: signalR.HttpTransportType.LongPolling, skipNegotiation: false, className: "LongPollingTransport" },
];

function withTimeout(promise, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: no answer within ${stepTimeoutMs} ms`)), stepTimeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function exercise(variant, index, room) {
    // Each HubConnection has its own HTTP client and cookie jar, like a separate browser.
    const connection = new signalR.HubConnectionBuilder()
        .withUrl(`${baseUrl}/hubs/chat`, {
            transport: variant.transport,
            skipNegotiation: variant.skipNegotiation,
            accessTokenFactory: () => token,
        })
        .configureLogging(signalR.LogLevel.None)
        .build();

    const clientMessageId = `${variant.name}-${index}-${Date.now()}`;
    const echoed = new Promise((resolve) => {
        connection.on("MessageReceived", (message) => {
            if (message.clientMessageId === clientMessageId) {
                resolve(message);
            }
        });
    });

    const label = `${variant.name} #${index}`;
    await withTimeout(connection.start(), `${label} start`);
    const used = connection.connection.transport ? connection.connection.transport.constructor.name : "none";
    if (used !== variant.className) {
        throw new Error(`${label}: expected transport ${variant.className}, got ${used}`);
    }

    const server = await withTimeout(connection.invoke("GetServerInfo"), `${label} GetServerInfo`);
    await withTimeout(connection.invoke("JoinRoom", room, null), `${label} JoinRoom`);
    await withTimeout(connection.invoke("SendMessage", room, `hello over ${variant.name}`, clientMessageId), `${label} SendMessage`);
    const message = await withTimeout(echoed, `${label} MessageReceived`);
    return { connection, instanceId: server.instanceId, messageId: message.id };
}

async function main() {
    const results = [];
    for (const variant of variants) {
        const room = `transports-${variant.name.toLowerCase()}-${Date.now()}`;
        const open = [];
        const instances = [];
        try {
            // One after another, each kept open, so least_conn spreads them and every instance is exercised.
            for (let i = 0; i < perTransport; i++) {
                const outcome = await exercise(variant, i, room);
                open.push(outcome.connection);
                instances.push(outcome.instanceId);
            }
        } finally {
            await Promise.allSettled(open.map((c) => c.stop()));
        }
        results.push({ transport: variant.name, instances });
    }
    process.stdout.write(JSON.stringify({ results }) + "\n");
}

main().then(
    () => process.exit(0),
    (error) => {
        console.error(error && error.stack ? error.stack : String(error));
        process.exit(1);
    });
