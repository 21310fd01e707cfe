// One load client per target, each with the official client library of its server, behind one small shape:
//   await client.connect(); await client.join(room); await client.send(room, text, clientMessageId) (resolves on
//   the server's acknowledgement); client.onMessage = (message) => ...; await client.close().
// Both speak WebSockets only and skip the HTTP handshake (negotiate / Engine.IO polling), so every target does the
// same thing per connection: one upgrade through nginx, then frames.
import * as signalR from "@microsoft/signalr";
import { io } from "socket.io-client";

/** ChatServer and the minimal hub: @microsoft/signalr, JSON protocol, the hub methods of docs/api.md. */
export class SignalRLoadClient {
  onMessage = () => {};

  constructor(baseUrl, accessToken) {
    this.connection = new signalR.HubConnectionBuilder()
      .withUrl(new URL("hubs/chat", baseUrl).href, {
        transport: signalR.HttpTransportType.WebSockets,
        skipNegotiation: true,
        ...(accessToken ? { accessTokenFactory: () => accessToken } : {}),
      })
      .configureLogging(signalR.LogLevel.Error)
      .build();
    this.connection.on("MessageReceived", (message) => this.onMessage(message));
    // ChatServer's other events: handled, so the client does not warn once per event.
    for (const event of ["UserJoined", "UserLeft", "TypingChanged"]) this.connection.on(event, () => {});
  }

  connect() {
    return this.connection.start();
  }

  join(room) {
    return this.connection.invoke("JoinRoom", room, null);
  }

  send(room, text, clientMessageId) {
    return this.connection.invoke("SendMessage", room, text, clientMessageId);
  }

  close() {
    return this.connection.stop();
  }
}

/** The Socket.IO peer (bench/peer/socketio/server.mjs): socket.io-client, acknowledged emits. */
export class SocketIoLoadClient {
  onMessage = () => {};

  constructor(baseUrl) {
    this.socket = io(new URL(baseUrl).origin, {
      path: "/hubs/socketio/",
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      autoConnect: false,
    });
    this.socket.on("message", (message) => this.onMessage(message));
  }

  connect() {
    return new Promise((resolve, reject) => {
      this.socket.once("connect", resolve);
      this.socket.once("connect_error", reject);
      this.socket.connect();
    });
  }

  join(room) {
    return this.socket.timeout(30_000).emitWithAck("join", room);
  }

  send(room, text, clientMessageId) {
    return this.socket.timeout(30_000).emitWithAck("send", { room, text, clientMessageId });
  }

  close() {
    this.socket.disconnect();
    return Promise.resolve();
  }
}

export function createLoadClient(target, baseUrl, accessToken) {
  switch (target) {
    case "chatserver":
    case "minimalhub":
      return new SignalRLoadClient(baseUrl, accessToken);
    case "socketio":
      return new SocketIoLoadClient(baseUrl);
    default:
      throw new Error(`unknown target '${target}' (chatserver, minimalhub or socketio)`);
  }
}
