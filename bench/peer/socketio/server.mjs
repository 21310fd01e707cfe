// The Socket.IO peer of bench/peer.sh: the same work shape as ChatServer's chat and nothing more. A client joins a
// room ("join", answered with an empty snapshot), sends to it ("send", acknowledged with the message), and every
// socket in the room, the sender's included, receives "message". Instances share rooms through
// @socket.io/redis-adapter (Redis pub/sub), as ChatServer's instances do through SignalR's Redis backplane.
// It stores nothing, checks nothing and limits nothing: it is the peer issue 14 measured, not a chat server.
//
//   PORT=5001 REDIS_URL=redis://127.0.0.1:6380 INSTANCE_ID=sio-1 node bench/peer/socketio/server.mjs
import { createServer } from "node:http";
import { Server } from "socket.io";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";

const port = Number(process.env.PORT ?? 5001);
const instanceId = process.env.INSTANCE_ID ?? `sio-${process.pid}`;
const pubClient = createClient({ url: process.env.REDIS_URL ?? "redis://127.0.0.1:6380" });
const subClient = pubClient.duplicate();
await Promise.all([pubClient.connect(), subClient.connect()]);

// /health/ready answers like ChatServer's, so bench/peer.sh waits for every target the same way.
const http = createServer((request, response) => {
  const ready = request.url === "/health/ready" || request.url === "/health/live";
  response.writeHead(ready ? 200 : 404, { "content-type": "text/plain" }).end(ready ? "ready" : "not found");
});

// Under /hubs/ so the nginx configuration ChatServer's cluster uses (location ^~ /hubs/) serves it unchanged.
// WebSockets only: the generator's clients skip the polling handshake, as ChatServer's skip negotiate.
const io = new Server(http, {
  path: "/hubs/socketio/",
  transports: ["websocket"],
  serveClient: false,
  adapter: createAdapter(pubClient, subClient),
});

let sequence = 0;
io.on("connection", (socket) => {
  socket.on("join", (room, ack) => {
    socket.join(room);
    ack?.({ room, messages: [], hasMore: false, online: [], typing: [] });
  });
  socket.on("send", ({ room, text, clientMessageId }, ack) => {
    const message = {
      id: `${Date.now()}-${++sequence}`,
      room,
      user: socket.id,
      text,
      sentAt: new Date().toISOString(),
      clientMessageId,
    };
    io.to(room).emit("message", message);
    ack?.(message);
  });
});

http.listen(port, "127.0.0.1", () => console.log(`${instanceId} listening on 127.0.0.1:${port}`));

const stop = () => {
  io.close();
  Promise.allSettled([pubClient.quit(), subClient.quit()]).then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
