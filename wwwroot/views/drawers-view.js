// On narrow screens the sidebar and the people list are drawers over the conversation. Open, a drawer takes the
// focus and keeps it (Tab wraps around inside), Escape or the scrim closes it, the page behind is inert, and focus
// returns to the button that opened it. Closed, a drawer is hidden from focus and from screen readers.

import { byId, changed, mount } from './dom.js';

const DRAWERS = {
    sidebar: { drawer: 'sidebar', opener: 'sidebar-open', close: 'sidebar-close', bodyClass: 'sidebar-open' },
    people: { drawer: 'people', opener: 'people-toggle', close: 'people-close', bodyClass: 'people-open' },
};
const NARROW = { sidebar: '(max-width: 700px)', people: '(max-width: 1000px)' };

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), summary, a[href], [tabindex]:not([tabindex="-1"])';

/** Tab from the drawer's last control goes to its first, Shift+Tab from the first to the last: focus stays in. */
function keepFocusIn(drawer, event) {
    const controls = [...drawer.querySelectorAll(FOCUSABLE)].filter((node) => node.checkVisibility());
    if (controls.length === 0) {
        return;
    }
    const [first, last] = [controls[0], controls[controls.length - 1]];
    const inside = drawer.contains(document.activeElement);
    if (event.shiftKey && (!inside || document.activeElement === first)) {
        event.preventDefault();
        last.focus();
    } else if (!event.shiftKey && (!inside || document.activeElement === last)) {
        event.preventDefault();
        first.focus();
    }
}

export function drawersView(store, actions) {
    for (const [name, parts] of Object.entries(DRAWERS)) {
        byId(parts.opener).addEventListener('click', () => actions.openDrawer(name));
        byId(parts.close).addEventListener('click', () => actions.closeDrawer());
    }
    byId('scrim').addEventListener('click', () => actions.closeDrawer());
    document.addEventListener('keydown', (event) => {
        const open = document.querySelector('body.sidebar-open #sidebar, body.people-open #people');
        if (!open || document.querySelector('dialog[open]')) {
            return;
        }
        if (event.key === 'Escape') {
            event.preventDefault();
            actions.closeDrawer();
        } else if (event.key === 'Tab') {
            keepFocusIn(open, event);
        }
    });
    // Widening the window turns a drawer into a column: nothing is a drawer any more.
    for (const query of new Set(Object.values(NARROW))) {
        matchMedia(query).addEventListener('change', () => store.state.ui.drawer && actions.closeDrawer());
    }

    mount(store, (state, previous) => {
        if (!changed(state, previous, (s) => s.ui.drawer)) {
            return;
        }
        const open = state.ui.drawer && matchMedia(NARROW[state.ui.drawer]).matches ? DRAWERS[state.ui.drawer] : null;
        const closing = previous?.ui.drawer ? DRAWERS[previous.ui.drawer] : null;
        for (const parts of Object.values(DRAWERS)) {
            document.body.classList.toggle(parts.bodyClass, parts === open);
            byId(parts.opener).setAttribute('aria-expanded', String(parts === open));
        }
        byId('scrim').hidden = !open;
        byId('conversation').inert = Boolean(open);
        for (const parts of Object.values(DRAWERS)) {
            if (parts !== open) {
                byId(parts.drawer).inert = Boolean(open);
            }
        }
        if (open) {
            byId(open.drawer).inert = false;
            byId(open.close).focus();
        } else if (closing && (document.activeElement === document.body || byId(closing.drawer).contains(document.activeElement))) {
            byId(closing.opener).focus();
        }
    });
}
