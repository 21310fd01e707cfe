// The conversation's messages, drawn through a window (message-window.js) so a room scrolled back through thousands
// of messages keeps at most WINDOW.max of them in the DOM: scrolling near the top slides the window up (or asks the
// server for the page before, when the window is at the oldest message), near the bottom slides it down. Day
// separators start each day, and a "new messages" divider marks where the reader left off (unread.js); the reader's
// place is kept while messages arrive above or below; messages on their way follow the newest one, in the order
// written.

import { continues, sameUser } from '../chat-model.js';
import { dayKey, dayLabel } from '../dates.js';
import { atTail, followWindow, latestWindow, shiftWindow } from '../message-window.js';
import { entriesFor } from '../outbox-rules.js';
import { currentRoom } from '../selectors.js';
import { dividerBefore } from '../unread.js';
import { byId, mount, reconcile } from './dom.js';
import { dayNode, messageNode, newDividerNode, pendingNode } from './message-nodes.js';
import { pageVisible } from './page-events.js';

const NEAR_TOP_PX = 150;
const NEAR_BOTTOM_PX = 80;

const sameEntries = (a, b) => a.length === b.length && a.every((entry, i) => entry === b[i]);

export function messageListView(store, actions) {
    const scroller = byId('message-scroller');
    const list = byId('messages');
    const pendingList = byId('pending');
    const jump = byId('jump-latest');
    let room = null;
    let items = [];
    let pending = [];
    let shown = { start: 0, end: 0 };   // the window of items drawn
    let unseen = false;                  // messages arrived below while the reader was up the page
    let readUpTo = null;                 // the newest id this view last marked read
    const editing = new Map();           // edits in progress: message id -> { box, text } (message-tools.js)
    let dividerShown = false;            // this visit's "new messages" divider was drawn (and scrolled to) once

    const nearBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_BOTTOM_PX;

    /** The first row the reader can see, and how far below the scroller's top it is. */
    function anchor() {
        const top = scroller.getBoundingClientRect().top;
        const node = [...list.children].find((child) => child.getBoundingClientRect().bottom > top);
        return node ? { node, offset: node.getBoundingClientRect().top - top } : null;
    }

    function draw(scroll) {
        const kept = scroll === 'anchor' ? anchor() : null;
        const me = store.state.user;
        const divider = dividerBefore(currentRoom(store.state), me);
        const entries = [];
        let day = null;
        for (let i = shown.start; i < shown.end; i++) {
            const message = items[i];
            if (dayKey(message.sentAt) !== day) {
                day = dayKey(message.sentAt);
                const label = dayLabel(message.sentAt);
                entries.push({ key: `day ${day}`, signature: label, create: () => dayNode(label) });
            }
            if (message.id === divider) {
                entries.push({ key: 'new-divider', signature: divider, create: newDividerNode });
            }
            const grouped = i > shown.start && continues(items[i - 1], message) && message.id !== divider;
            entries.push({ key: message.id, signature: message, create: () => messageNode(message, me, actions, editing),
                update: (node) => node.classList.toggle('continued', grouped) });
        }
        reconcile(list, entries);
        const tail = atTail(shown, items.length);
        reconcile(pendingList, (tail ? pending : []).map((entry) =>
            ({ key: entry.cmid, signature: entry, create: () => pendingNode(entry, me, actions) })));
        if (scroll === 'bottom') {
            scroller.scrollTop = scroller.scrollHeight;
        } else if (kept?.node.isConnected) {
            scroller.scrollTop += kept.node.getBoundingClientRect().top - scroller.getBoundingClientRect().top - kept.offset;
        }
        drawJump();
    }

    /** "New messages" when some arrived below the reader; "Latest messages" when the window is away from them. */
    function drawJump() {
        const atLatest = atTail(shown, items.length);
        if (atLatest && nearBottom()) {
            unseen = false;
        }
        jump.hidden = atLatest && !unseen;
        jump.textContent = unseen ? 'New messages ↓' : 'Latest messages ↓';
    }

    let status = '';
    function drawStatus(roomState) {
        const loading = roomState.loadingHistory;
        const key = [roomState.room, loading, roomState.hasMore, roomState.joined, items.length, shown.start].join('|');
        if (key === status) {
            return;   // typing, presence, the connection: nothing here changed, and no layout is read for them
        }
        status = key;
        byId('history-loading').hidden = !loading;
        byId('load-older').hidden = loading || (shown.start === 0 && !roomState.hasMore);
        byId('history-start').hidden = loading || shown.start > 0 || roomState.hasMore || !roomState.joined || items.length === 0;
        // Nothing to scroll yet? Fill the view from history until there is, or history ends.
        if (!loading && shown.start === 0 && roomState.hasMore && scroller.scrollHeight <= scroller.clientHeight + 40) {
            actions.loadOlder(roomState.room);
        }
    }

    /** The first time this visit's divider is drawn: a reader with more new messages than fit starts at the first. */
    function showDivider() {
        const divider = list.querySelector('.new-divider');
        if (dividerShown || !divider) {
            return;
        }
        dividerShown = true;
        const above = divider.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
        if (above < 0) {
            scroller.scrollTop += above - 8;
            drawJump();
        }
    }

    function showLatest() {
        shown = latestWindow(items.length);
        draw('bottom');
    }

    function older() {
        if (shown.start > 0) {
            shown = shiftWindow(shown, items.length, 'up');
            draw('anchor');
            drawStatus(currentRoom(store.state));
        } else if (room) {
            actions.loadOlder(room);
        }
    }

    scroller.addEventListener('scroll', () => {
        if (!room) {
            return;
        }
        if (scroller.scrollTop < NEAR_TOP_PX) {
            older();
        }
        if (nearBottom()) {
            if (!atTail(shown, items.length)) {
                shown = shiftWindow(shown, items.length, 'down');
                draw('anchor');
                drawStatus(currentRoom(store.state));
            } else {
                drawJump();
                actions.markRead(room);
            }
        }
    }, { passive: true });
    byId('load-older').addEventListener('click', older);
    jump.addEventListener('click', () => {
        showLatest();
        actions.markRead(room);
    });

    mount(store, (state) => {
        const roomState = state.user ? currentRoom(state) : null;
        if (!roomState) {
            if (room !== null || list.childElementCount || pendingList.childElementCount) {
                room = null;
                dividerShown = false;
                items = [];
                pending = [];
                unseen = false;
                status = '';
                shown = { start: 0, end: 0 };
                draw('bottom');
                for (const id of ['history-loading', 'load-older', 'history-start']) {
                    byId(id).hidden = true;
                }
            }
            return;
        }
        const roomPending = entriesFor(state.outbox, roomState.room);
        if (roomState.room !== room) {
            room = roomState.room;
            readUpTo = null;
            dividerShown = false;
            editing.clear();
            items = roomState.messages;
            pending = roomPending;
            unseen = false;
            showLatest();
        } else if (roomState.messages !== items || !sameEntries(roomPending, pending)) {
            const wasNearBottom = nearBottom();
            const previous = items;
            const grewPending = roomPending.length > pending.length;
            items = roomState.messages;
            pending = roomPending;
            const keep = scroller.scrollTop < NEAR_TOP_PX && !wasNearBottom ? 'top' : 'bottom';
            shown = followWindow(previous, items, shown, keep);
            const newest = items.at(-1);
            const arrived = newest && newest !== previous.at(-1);
            if (grewPending || (arrived && sameUser(newest.user, state.user))) {
                showLatest();   // the reader just wrote: show it
            } else {
                unseen ||= Boolean(arrived) && !wasNearBottom;
                draw(wasNearBottom && atTail(shown, items.length) ? 'bottom' : 'anchor');
            }
        }
        showDivider();
        drawStatus(roomState);
        // The reader sees the newest message: it is read (the server hears once per message; rooms.js).
        const newestId = items.at(-1)?.id ?? null;
        if (newestId !== readUpTo && pageVisible() && atTail(shown, items.length) && nearBottom()) {
            readUpTo = newestId;
            actions.markRead(room);
        }
    });
}
