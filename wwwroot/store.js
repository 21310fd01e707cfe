// The page's one source of truth, in the shape of todomvc's store grown up: a state object that is replaced, never
// changed in place, and listeners told once per batch of updates. Only the store triggers rendering: views subscribe
// and redraw what changed between the state they last saw and the new one (a reference comparison per slice).

export class Store {
    #state;
    #notified;
    #listeners = new Set();
    #scheduled = false;
    #onError;

    /** `onError` hears of a listener that threw; by default the error is rethrown outside the loop, uncaught. */
    constructor(initial, { onError = (err) => setTimeout(() => { throw err; }) } = {}) {
        this.#state = initial;
        this.#notified = initial;
        this.#onError = onError;
    }

    get state() {
        return this.#state;
    }

    /**
     * Replaces the state with change(state). Listeners hear of it once, at the end of the current task's microtasks,
     * however many updates ran: a snapshot that adds messages, presence and typing draws once.
     */
    update(change) {
        const next = change(this.#state);
        if (next === undefined || next === null) {
            throw new TypeError('A store change must return the next state (or the same one for no change).');
        }
        if (next === this.#state) {
            return;
        }
        this.#state = next;
        if (!this.#scheduled) {
            this.#scheduled = true;
            queueMicrotask(() => this.flush());
        }
    }

    /** Calls listener(state, previous) after every batch of updates; returns the function that unsubscribes it. */
    subscribe(listener) {
        this.#listeners.add(listener);
        return () => this.#listeners.delete(listener);
    }

    /** Tells the listeners now rather than at the end of the task (tests; a listener's own updates batch again). */
    flush() {
        this.#scheduled = false;
        const previous = this.#notified;
        const state = this.#state;
        if (previous === state) {
            return;
        }
        this.#notified = state;
        for (const listener of [...this.#listeners]) {
            try {
                listener(state, previous);
            } catch (err) {
                // One broken view must not stop the others drawing; the error is still reported.
                this.#onError(err);
            }
        }
    }
}
