// The sidebar's notifications switch: on only while wanted and allowed by the browser (a permission taken back in
// the browser's settings shows as off), hidden where the browser has no notifications.

import { notificationsSupported } from '../notifications.js';
import { byId, changed, mount } from './dom.js';

export function notificationsView(store, actions) {
    const toggle = byId('notify-toggle');
    const on = () => store.state.notify && Notification.permission === 'granted';
    toggle.hidden = !notificationsSupported();
    toggle.addEventListener('click', () => actions.setNotifications(!on()));

    mount(store, (state, previous) => {
        if (!toggle.hidden && changed(state, previous, (s) => s.notify)) {
            toggle.setAttribute('aria-pressed', String(on()));
            toggle.textContent = on() ? 'Notifications: on' : 'Notifications: off';
        }
    });
}
