// Stands in for lib/signalr.min.js while the harness times the page: a hub connection that connects at once and
// answers JoinRoom with a snapshot of window.__bench.count messages, timing how long the page takes from the answer
// to a painted frame (its JavaScript, then style, layout and paint). Same shape for the page before and after.
(() => {
    const State = { Disconnected: 'Disconnected', Connecting: 'Connecting', Connected: 'Connected', Reconnecting: 'Reconnecting' };
    const users = ['ada', 'grace', 'linus', 'barbara', 'alan'];
    const bench = { count: 500, ms: null, nodes: null };
    window.__bench = bench;

    function snapshot(room) {
        const start = Date.UTC(2026, 0, 5, 9, 0, 0);
        const messages = Array.from({ length: bench.count }, (_, i) => ({
            id: `${start + i * 20_000}-0`,
            room,
            user: users[Math.floor(i / 3) % users.length],
            text: `Message ${i + 1}: the quick brown fox jumps over the lazy dog, see https://example.com/${i}`,
            sentAt: new Date(start + i * 20_000).toISOString(),
            clientMessageId: null,
        }));
        return { room, messages, hasMore: true, online: ['bench', 'ada'], typing: [] };
    }

    class Connection {
        constructor() {
            this.state = State.Disconnected;
            this.connectionId = 'bench';
        }
        on() {}
        onreconnecting() {}
        onreconnected() {}
        onclose() {}
        async start() { this.state = State.Connected; }
        async stop() { this.state = State.Disconnected; }
        invoke(method, ...args) {
            if (method === 'JoinRoom') {
                const answer = snapshot(args[0]);
                const begin = performance.now();
                // After the page's own work on the answer (same task) comes the next frame; the timer after it
                // runs once that frame is painted.
                requestAnimationFrame(() => setTimeout(() => {
                    bench.ms = performance.now() - begin;
                    bench.nodes = document.querySelectorAll('#messages li').length;
                }));
                return Promise.resolve(answer);
            }
            return Promise.resolve(method === 'GetServerInfo' ? { instanceId: 'bench', mode: 'memory' } : method === 'ListRooms' ? [] : null);
        }
    }

    class HubConnectionBuilder {
        withUrl() { return this; }
        withAutomaticReconnect() { return this; }
        withStatefulReconnect() { return this; }
        configureLogging() { return this; }
        withHubProtocol() { return this; }
        build() { return new Connection(); }
    }

    window.signalR = { HubConnectionBuilder, HubConnectionState: State, LogLevel: { Warning: 3 }, protocols: { msgpack: {} } };
})();
