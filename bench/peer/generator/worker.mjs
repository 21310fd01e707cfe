// One generator process (forked by ../generator.mjs): its share of the rooms, their clients, its share of the
// offered rate, and the accounting of what its own clients send and receive. Rooms never span processes, so every
// delivery is counted by the process that sent the message; latency is sender clock to receiver clock
// (process.hrtime is CLOCK_MONOTONIC, one clock for every process on the machine).
import hdr from "hdr-histogram-js";
import { createLoadClient } from "./clients.mjs";

const measuredFlag = "m";
const warmupFlag = "w";
const pacerIntervalMs = 5;
const connectConcurrency = 32;

const nowNs = () => process.hrtime.bigint();
const histogram = () => hdr.build({ numberOfSignificantValueDigits: 3 });

function count(map, key) {
  map[key] = (map[key] ?? 0) + 1;
}

function describe(error) {
  return String(error?.message ?? error).slice(0, 80);
}

async function setUp(config) {
  const clients = [];
  const connectMs = histogram();
  const connectErrors = {};
  const members = new Map(); // room -> joined clients
  const specs = [];
  for (const room of config.rooms) {
    for (let i = 0; i < config.clientsPerRoom; i++) specs.push({ room, key: `${config.process}.${specs.length}` });
  }
  let next = 0;
  const connectOne = async () => {
    while (next < specs.length) {
      const spec = specs[next++];
      const token = config.tokens.length > 0 ? config.tokens[(config.firstClient + next) % config.tokens.length] : undefined;
      const client = createLoadClient(config.target, config.url, token);
      const started = nowNs();
      try {
        await client.connect();
        await client.join(spec.room);
        connectMs.recordValue(Math.max(1, Number((nowNs() - started) / 1000n)));
        members.set(spec.room, (members.get(spec.room) ?? 0) + 1);
        clients.push({ client, room: spec.room, key: spec.key, seq: 0, lastSeen: new Map() });
      } catch (error) {
        count(connectErrors, describe(error));
        await client.close().catch(() => {});
      }
    }
  };
  await Promise.all(Array.from({ length: connectConcurrency }, connectOne));
  return { clients, members, connectMs, connectErrors, attempted: specs.length };
}

function run(config, setup) {
  const { clients, members } = setup;
  const warmupNs = BigInt(config.warmupMs) * 1_000_000n;
  const measureNs = BigInt(config.durationMs) * 1_000_000n;
  const padding = "x".repeat(Math.max(0, config.messageSize - 40));
  const latency = histogram();
  const stats = {
    sent: 0, acked: 0, sendErrors: {}, expected: 0, delivered: 0, deliveredInWindow: 0, measuredDelivered: 0,
    duplicates: 0, outOfOrder: 0, unexpected: 0, inFlight: 0,
  };
  let cpuStart;
  let cpuWindow;
  const t0 = nowNs();

  for (const receiver of clients) {
    receiver.client.onMessage = (message) => {
      const received = nowNs();
      const parts = typeof message?.text === "string" ? message.text.split("|") : [];
      if (parts.length < 4 || message.room !== receiver.room) {
        stats.unexpected++;
        return;
      }
      const [flag, sender, seqText, sentText] = parts;
      const seq = Number(seqText);
      stats.delivered++;
      const sinceStart = received - t0;
      if (sinceStart >= warmupNs && sinceStart < warmupNs + measureNs) stats.deliveredInWindow++;
      const last = receiver.lastSeen.get(sender) ?? 0;
      if (seq === last) {
        stats.duplicates++;
        return;
      }
      if (seq < last) stats.outOfOrder++;
      else receiver.lastSeen.set(sender, seq);
      if (flag === measuredFlag) {
        stats.measuredDelivered++;
        latency.recordValue(Math.max(1, Number((received - BigInt(sentText)) / 1000n)));
      }
    };
  }

  const sendOne = (sender) => {
    const sentAt = nowNs();
    const sinceStart = sentAt - t0;
    const measured = sinceStart >= warmupNs && sinceStart < warmupNs + measureNs;
    sender.seq++;
    const text = `${measured ? measuredFlag : warmupFlag}|${sender.key}|${sender.seq}|${sentAt}|${padding}`;
    stats.inFlight++;
    sender.client.send(sender.room, text, `${sender.key}-${sender.seq}`).then(
      () => {
        stats.acked++;
        if (measured) stats.expected += members.get(sender.room);
      },
      (error) => count(stats.sendErrors, describe(error)),
    ).finally(() => stats.inFlight--);
  };

  return new Promise((resolve) => {
    let issued = 0;
    let round = 0;
    const cpuAt = setTimeout(() => { cpuStart = process.cpuUsage(); }, config.warmupMs);
    const pacer = setInterval(() => {
      const elapsedNs = nowNs() - t0;
      if (elapsedNs >= warmupNs + measureNs || clients.length === 0) {
        clearInterval(pacer);
        cpuWindow = process.cpuUsage(cpuStart);
        clearTimeout(cpuAt);
        drain();
        return;
      }
      const due = Math.floor((config.rate * Number(elapsedNs)) / 1e9);
      for (; issued < due; issued++) {
        stats.sent++;
        if (stats.inFlight >= config.maxInFlight) {
          count(stats.sendErrors, "backlog");
          continue;
        }
        sendOne(clients[round++ % clients.length]);
      }
    }, pacerIntervalMs);

    const drainUntil = () => nowNs() + BigInt(config.drainMs) * 1_000_000n;
    let deadline;
    const drain = () => {
      deadline ??= drainUntil();
      const settled = stats.inFlight === 0 && stats.measuredDelivered >= stats.expected;
      if (settled || nowNs() >= deadline) {
        resolve({ stats, latency, cpuWindow });
        return;
      }
      setTimeout(drain, 50);
    };
  });
}

// This process's run: set by "setup", used by "start".
let runConfig;
let runSetup;

process.on("message", async (command) => {
  if (command.type === "setup") {
    runConfig = command.config;
    runSetup = await setUp(command.config);
    const { clients, connectMs, connectErrors, attempted } = runSetup;
    process.send({
      type: "ready", attempted, connected: clients.length, connectErrors,
      connectMs: hdr.encodeIntoCompressedBase64(connectMs),
    });
  } else if (command.type === "start") {
    const { stats, latency, cpuWindow } = await run(runConfig, runSetup);
    await Promise.race([
      Promise.allSettled(runSetup.clients.map(({ client }) => client.close())),
      new Promise((resolve) => setTimeout(resolve, 5_000)),
    ]);
    const cpuMicros = cpuWindow ? cpuWindow.user + cpuWindow.system : 0;
    process.send({
      type: "report", stats, latency: hdr.encodeIntoCompressedBase64(latency),
      cpuPercent: (100 * cpuMicros) / (runConfig.durationMs * 1000),
    }, () => process.exit(0));
  }
});
