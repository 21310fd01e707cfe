// Which of a room's messages the page draws: a window of at most MAX consecutive messages, so a room scrolled back
// through thousands of messages keeps a bounded DOM. The window follows the newest message while the reader is at the
// bottom, grows upwards as older pages arrive, and slides by STEP as the reader scrolls past either end. Pure index
// arithmetic over the room's sorted message list, so it is unit-tested; the view measures and scrolls.

import { indexOfId } from './chat-model.js';

export const WINDOW = Object.freeze({ initial: 60, max: 150, step: 50 });

/** The newest `initial` messages: what a room shows when it opens or the reader jumps to the latest. */
export function latestWindow(count, size = WINDOW.initial) {
    return { start: Math.max(0, count - size), end: count };
}

/** True when the window holds the newest message (new ones join it). */
export function atTail(window, count) {
    return window.end >= count;
}

/**
 * Where the window is once `items` has replaced `previous` (messages are only ever inserted, so the ones drawn are
 * still there, in order). A window at the top takes in older messages that arrived above it; one at the tail takes
 * in newer ones. Then it is cut back to `max`, keeping the end the reader is at: 'top' after loading older messages,
 * 'bottom' otherwise.
 */
export function followWindow(previous, items, window, keep, max = WINDOW.max) {
    if (window.end <= window.start || previous.length === 0) {
        return latestWindow(items.length);
    }
    const start = window.start === 0 ? 0 : Math.max(0, indexOfId(items, previous[window.start].id));
    const end = atTail(window, previous.length) ? items.length : indexOfId(items, previous[window.end - 1].id) + 1;
    return clampWindow({ start, end: Math.max(start, end) }, keep, max);
}

/** Cuts a window longer than `max` from the end the reader is not at. */
export function clampWindow(window, keep, max = WINDOW.max) {
    if (window.end - window.start <= max) {
        return window;
    }
    return keep === 'top'
        ? { start: window.start, end: window.start + max }
        : { start: window.end - max, end: window.end };
}

/** Slides the window `step` messages towards older ('up') or newer ('down') ones, within 0..count. */
export function shiftWindow(window, count, direction, step = WINDOW.step, max = WINDOW.max) {
    if (direction === 'up') {
        const start = Math.max(0, window.start - step);
        return clampWindow({ start, end: window.end }, 'top', max);
    }
    const end = Math.min(count, window.end + step);
    return clampWindow({ start: window.start, end }, 'bottom', max);
}
