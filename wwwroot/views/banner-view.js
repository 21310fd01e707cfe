// The connection banner: shown only while the page is not connected (connecting, reconnecting, a countdown to the
// next try with "Retry now"). Connected, it hides and keeps data-state="connected"; which instance holds the
// connection is the about view's business, not every screen's.

import { byId, changed, mount } from './dom.js';

function describe(connection) {
    switch (connection.status) {
    case 'connecting':
        return connection.attempt ? `Connecting… (attempt ${connection.attempt + 1})` : 'Connecting…';
    case 'reconnecting':
        return 'Connection lost. Reconnecting…';
    case 'disconnected':
        return `Disconnected. Retrying in ${connection.retryIn} s…`;
    case 'failed':
        return 'The SignalR client (lib/signalr.min.js) did not load. Build the server to copy it.';
    case 'connected':
        return 'Connected';
    default:
        return '';
    }
}

export function bannerView(store, actions) {
    const banner = byId('banner');
    byId('retry').addEventListener('click', () => actions.retryConnection());

    mount(store, (state, previous) => {
        if (!changed(state, previous, (s) => s.connection) && !changed(state, previous, (s) => s.user)) {
            return;
        }
        const status = state.user ? state.connection.status : 'idle';
        banner.dataset.state = status;
        banner.hidden = status === 'idle' || status === 'connected';
        byId('banner-text').textContent = describe(state.connection);
        byId('retry').hidden = status !== 'disconnected';
        document.body.dataset.connection = status;
    });
}
