import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latestWindow, followWindow, shiftWindow, clampWindow, atTail } from '../../../wwwroot/message-window.js';

const ids = (from, to) => Array.from({ length: to - from }, (_, i) => ({ id: `${from + i}-0` }));

test('a room opens on its newest messages', () => {
    assert.deepEqual(latestWindow(500, 100), { start: 400, end: 500 });
    assert.deepEqual(latestWindow(30, 100), { start: 0, end: 30 });
});

test('a window at the tail takes in new messages and drops the oldest past the limit', () => {
    const before = ids(1, 101);
    const after = ids(1, 131);
    const window = followWindow(before, after, { start: 0, end: 100 }, 'bottom', 120);
    assert.deepEqual(window, { start: 10, end: 130 });
    assert.ok(atTail(window, after.length));
});

test('a window at the top takes in an older page and drops the newest past the limit', () => {
    const before = ids(101, 201);
    const after = ids(51, 201);
    assert.deepEqual(followWindow(before, after, { start: 0, end: 100 }, 'top', 120), { start: 0, end: 120 });
});

test('a window in the middle stays on the messages it showed when others arrive around it', () => {
    const before = ids(1, 301);
    const after = [...ids(-50, 1), ...before, ...ids(301, 311)];
    assert.deepEqual(followWindow(before, after, { start: 100, end: 200 }, 'bottom', 150), { start: 151, end: 251 });
});

test('sliding keeps the window within the list and its limit', () => {
    assert.deepEqual(shiftWindow({ start: 100, end: 250 }, 5000, 'up', 50, 150), { start: 50, end: 200 });
    assert.deepEqual(shiftWindow({ start: 20, end: 170 }, 5000, 'up', 50, 150), { start: 0, end: 150 });
    assert.deepEqual(shiftWindow({ start: 4800, end: 4950 }, 5000, 'down', 50, 150), { start: 4850, end: 5000 });
    assert.deepEqual(shiftWindow({ start: 4850, end: 5000 }, 5000, 'down', 50, 150), { start: 4850, end: 5000 });
    assert.deepEqual(clampWindow({ start: 0, end: 10 }, 'top', 150), { start: 0, end: 10 });
});

test('an empty room starts over on the newest messages', () => {
    assert.deepEqual(followWindow([], ids(1, 11), { start: 0, end: 0 }, 'bottom'), { start: 0, end: 10 });
});
