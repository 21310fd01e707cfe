import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../../wwwroot/store.js';

test('listeners hear once per batch of updates, with the state they saw before', async () => {
    const store = new Store({ count: 0 });
    const calls = [];
    store.subscribe((state, previous) => calls.push([previous.count, state.count]));
    store.update((s) => ({ count: s.count + 1 }));
    store.update((s) => ({ count: s.count + 1 }));
    assert.equal(calls.length, 0, 'nothing is drawn in the middle of a batch');
    await Promise.resolve();
    assert.deepEqual(calls, [[0, 2]]);
});

test('an update that returns the same state tells nobody', async () => {
    const store = new Store({ count: 0 });
    let calls = 0;
    store.subscribe(() => calls++);
    store.update((s) => s);
    await Promise.resolve();
    assert.equal(calls, 0);
});

test('a change must return a state', () => {
    const store = new Store({});
    assert.throws(() => store.update(() => undefined), TypeError);
});

test('unsubscribing stops the calls; flush tells at once', () => {
    const store = new Store({ n: 0 });
    const seen = [];
    const stop = store.subscribe((s) => seen.push(s.n));
    store.update(() => ({ n: 1 }));
    store.flush();
    stop();
    store.update(() => ({ n: 2 }));
    store.flush();
    assert.deepEqual(seen, [1]);
});

test('a listener that throws does not stop the others, and its error is reported', () => {
    const errors = [];
    const store = new Store({ n: 0 }, { onError: (err) => errors.push(err.message) });
    const seen = [];
    store.subscribe(() => { throw new Error('broken view'); });
    store.subscribe((s) => seen.push(s.n));
    store.update(() => ({ n: 1 }));
    store.flush();
    assert.deepEqual(seen, [1]);
    assert.deepEqual(errors, ['broken view']);
});

test('updates made by a listener are batched into a next notification', async () => {
    const store = new Store({ n: 0 });
    const seen = [];
    store.subscribe((s) => {
        seen.push(s.n);
        if (s.n === 1) {
            store.update(() => ({ n: 2 }));
        }
    });
    store.update(() => ({ n: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.deepEqual(seen, [1, 2]);
});
