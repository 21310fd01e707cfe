// The one load generator of bench/peer.sh: drives ChatServer, the minimal SignalR hub and the Socket.IO peer with
// their official clients (@microsoft/signalr, socket.io-client), the same rooms, rate, message size and accounting
// for all three, so their figures compare. --processes N forks N generator processes (generator/worker.mjs), each
// owning whole rooms, and merges their figures; the JSON uses the load tool's field names (docs/benchmarks.md).
//
//   node bench/peer/generator.mjs --target chatserver|minimalhub|socketio --url http://127.0.0.1:8080/ \
//     --clients 300 --rooms 30 --rate 500 --duration 10s --warmup 3s [--processes 2] [--users 30] \
//     [--message-size 100] [--drain 10s] [--max-in-flight 20000] [--server-pids "1 2 3"] [--json out.json]
//
// Exit code: 0 when every connection joined and nothing was lost, duplicated or out of order; 1 otherwise;
// 2 when the run could not start.
import { fork, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import hdr from "hdr-histogram-js";
import { provisionUsers } from "./generator/users.mjs";

const { values: args } = parseArgs({
  options: {
    target: { type: "string" },
    url: { type: "string", default: "http://127.0.0.1:8080/" },
    clients: { type: "string", default: "300" },
    rooms: { type: "string", default: "30" },
    rate: { type: "string", default: "500" },
    duration: { type: "string", default: "10s" },
    warmup: { type: "string", default: "3s" },
    drain: { type: "string", default: "10s" },
    processes: { type: "string", default: "1" },
    users: { type: "string", default: "30" },
    "login-concurrency": { type: "string", default: "4" },
    "message-size": { type: "string", default: "100" },
    "max-in-flight": { type: "string", default: "20000" },
    "server-pids": { type: "string", default: "" },
    json: { type: "string" },
  },
});

function milliseconds(text) {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text);
  if (!match) throw new Error(`'${text}' is not a duration (e.g. 500ms, 10s, 2m)`);
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000 }[match[2]];
}

function positive(name, minimum = 1) {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < minimum) throw new Error(`--${name} must be an integer ≥ ${minimum}`);
  return value;
}

// utime + stime of the servers, in clock ticks (/proc/<pid>/stat fields 14 and 15).
const clockTicks = Number(execFileSync("getconf", ["CLK_TCK"]).toString());
function serverTicks(pids) {
  let ticks = 0;
  for (const pid of pids) {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks;
}

function percentiles(histogram) {
  const at = (p) => (histogram.totalCount > 0 ? histogram.getValueAtPercentile(p) / 1000 : 0);
  return {
    p50: at(50), p90: at(90), p99: at(99), p999: at(99.9), max: histogram.maxValue / 1000,
    mean: Math.round(histogram.mean) / 1000, count: histogram.totalCount,
  };
}

function ask(child, message, answer) {
  return new Promise((resolve, reject) => {
    const onMessage = (reply) => {
      if (reply.type !== answer) return;
      child.off("message", onMessage);
      resolve(reply);
    };
    child.on("message", onMessage);
    child.once("exit", (code) => reject(new Error(`generator process exited with ${code} before '${answer}'`)));
    child.send(message);
  });
}

async function main() {
  const target = args.target;
  if (!["chatserver", "minimalhub", "socketio"].includes(target)) {
    throw new Error("--target must be chatserver, minimalhub or socketio");
  }
  const clients = positive("clients");
  const rooms = positive("rooms");
  const processes = Math.min(positive("processes"), rooms);
  const rate = Number(args.rate);
  if (!(rate >= 0)) throw new Error("--rate must be a number ≥ 0 (messages per second over all clients)");
  if (clients % rooms !== 0) throw new Error("--clients must be a multiple of --rooms (rooms of equal size)");
  const durationMs = milliseconds(args.duration);
  const warmupMs = milliseconds(args.warmup);
  const drainMs = milliseconds(args.drain);
  const serverPids = args["server-pids"].split(/[\s,]+/).filter(Boolean);
  const runId = randomBytes(4).toString("hex");

  // ChatServer authenticates every hub connection; the peers take anyone.
  const tokens = target === "chatserver"
    ? await provisionUsers(args.url, `pb${runId}`, positive("users"), positive("login-concurrency"))
    : [];

  // Rooms are dealt round-robin to the processes; each process's share of the rate follows its share of clients.
  const roomNames = Array.from({ length: rooms }, (_, r) => `peer-${runId}-${r}`);
  const clientsPerRoom = clients / rooms;
  const children = [];
  let firstClient = 0;
  for (let p = 0; p < processes; p++) {
    const mine = roomNames.filter((_, r) => r % processes === p);
    const config = {
      process: p, target, url: args.url, rooms: mine, clientsPerRoom, tokens, firstClient,
      rate: (rate * mine.length) / rooms, durationMs, warmupMs, drainMs,
      messageSize: positive("message-size", 40), maxInFlight: positive("max-in-flight"),
    };
    firstClient += mine.length * clientsPerRoom;
    children.push({ child: fork(new URL("./generator/worker.mjs", import.meta.url)), config });
  }

  const readies = await Promise.all(children.map(({ child, config }) => ask(child, { type: "setup", config }, "ready")));

  // Server CPU over the same window the processes measure in: from the end of warm-up to the end of sending.
  let ticksAtStart = 0;
  let serverCpuPercent = 0;
  const windowStart = setTimeout(() => { ticksAtStart = serverTicks(serverPids); }, warmupMs);
  const windowEnd = setTimeout(() => {
    serverCpuPercent = (100 * (serverTicks(serverPids) - ticksAtStart)) / clockTicks / (durationMs / 1000);
  }, warmupMs + durationMs);
  let reports;
  try {
    reports = await Promise.all(children.map(({ child }) => ask(child, { type: "start" }, "report")));
  } finally {
    clearTimeout(windowStart);
    clearTimeout(windowEnd);
  }

  const latency = hdr.build({ numberOfSignificantValueDigits: 3 });
  const connectMs = hdr.build({ numberOfSignificantValueDigits: 3 });
  const sum = (key) => reports.reduce((total, report) => total + report.stats[key], 0);
  const sendErrors = {};
  const connectErrors = {};
  for (const report of reports) {
    latency.add(hdr.decodeFromCompressedBase64(report.latency));
    for (const [error, n] of Object.entries(report.stats.sendErrors)) sendErrors[error] = (sendErrors[error] ?? 0) + n;
  }
  for (const ready of readies) {
    connectMs.add(hdr.decodeFromCompressedBase64(ready.connectMs));
    for (const [error, n] of Object.entries(ready.connectErrors)) connectErrors[error] = (connectErrors[error] ?? 0) + n;
  }
  const connected = readies.reduce((total, ready) => total + ready.connected, 0);
  const expected = sum("expected");
  const result = {
    runId,
    finishedAt: new Date().toISOString(),
    processorCount: (await import("node:os")).availableParallelism(),
    generator: "node bench/peer/generator.mjs",
    options: { target, url: args.url, clients, rooms, rate, duration: args.duration, warmup: args.warmup, processes,
      messageSize: Number(args["message-size"]), users: target === "chatserver" ? tokens.length : 0 },
    clients,
    connected,
    failedConnections: clients - connected,
    connectErrors,
    connectMs: percentiles(connectMs),
    sent: sum("sent"),
    acked: sum("acked"),
    sendErrors,
    expectedDeliveries: expected,
    delivered: sum("delivered"),
    uniqueDelivered: sum("measuredDelivered"),
    lost: Math.max(0, expected - sum("measuredDelivered")),
    duplicates: sum("duplicates"),
    outOfOrder: sum("outOfOrder"),
    unexpectedDeliveries: sum("unexpected"),
    measuredSeconds: durationMs / 1000,
    deliveredPerSec: Math.round((10 * sum("deliveredInWindow")) / (durationMs / 1000)) / 10,
    latencyMs: percentiles(latency),
    instances: {},
    generatorCpuPercent: Math.round(10 * reports.reduce((total, report) => total + report.cpuPercent, 0)) / 10,
    generatorCpuPercentPerProcess: reports.map((report) => Math.round(10 * report.cpuPercent) / 10),
    serverCpuPercent: Math.round(10 * serverCpuPercent) / 10,
  };
  const text = JSON.stringify(result, null, 2);
  if (args.json) writeFileSync(args.json, text);
  console.log(text);
  const clean = result.failedConnections === 0 && result.lost === 0 && result.duplicates === 0 && result.outOfOrder === 0;
  process.exitCode = clean ? 0 : 1;
}

main().catch((error) => {
  console.error(`generator: ${error.stack ?? error}`);
  process.exit(2);
});
