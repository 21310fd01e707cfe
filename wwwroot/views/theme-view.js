// The colour theme: the system's (prefers-color-scheme) unless the user picked light or dark with the sidebar's
// toggle. styles.css does the rest through color-scheme and light-dark().

import { changed, mount } from './dom.js';

export function themeView(store) {
    mount(store, (state, previous) => {
        if (changed(state, previous, (s) => s.theme)) {
            if (state.theme === 'system') {
                delete document.documentElement.dataset.theme;
            } else {
                document.documentElement.dataset.theme = state.theme;
            }
        }
    });
}
