// Fills a room for bench/export.sh: COUNT messages through the hub (SendMessage), 500 in flight at a time, with the
// official SignalR client. Usage: node export-seed.mjs BASE_URL ACCESS_TOKEN ROOM COUNT
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const signalR = require('@microsoft/signalr');
const [baseUrl, token, room, countText] = process.argv.slice(2);
const count = Number(countText);

const connection = new signalR.HubConnectionBuilder()
    .withUrl(`${baseUrl}/hubs/chat`, { accessTokenFactory: () => token })
    .configureLogging(signalR.LogLevel.Error)
    .build();
// The room's own messages come back to the sender; the seeder has no use for them.
connection.on('MessageReceived', () => {});
await connection.start();
await connection.invoke('JoinRoom', room, null);
for (let start = 0; start < count; start += 500) {
    const batch = [];
    for (let i = start; i < Math.min(count, start + 500); i++) {
        batch.push(connection.invoke('SendMessage', room, `message ${i}, with "quotes" & <b>markup</b>`, `seed-${i}`));
    }
    await Promise.all(batch);
}
await connection.stop();
