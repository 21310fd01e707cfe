// The browser tab's own events: coming back to a hidden tab refreshes the room list and marks what the reader can
// see as read; leaving the page stops our typing indicator.

import { byId } from './dom.js';

export const pageVisible = () => document.visibilityState === 'visible';

export function pageEvents(store, actions) {
    document.addEventListener('visibilitychange', () => {
        if (!pageVisible() || !store.state.user) {
            return;
        }
        actions.refreshDirectory();
        const scroller = byId('message-scroller');
        if (store.state.current && scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80) {
            actions.markRead(store.state.current);
        }
    });
    window.addEventListener('pagehide', () => actions.stopTyping());
    window.addEventListener('storage', (event) => actions.storageChanged(event.key));
}
