import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayKey, dayLabel, formatTime } from '../../../wwwroot/dates.js';

const local = (...parts) => new Date(...parts).toISOString();

test('dayKey is the local calendar day', () => {
    assert.equal(dayKey(local(2025, 10, 24, 0, 1)), '2025-11-24');
    assert.equal(dayKey(local(2025, 10, 24, 23, 59)), '2025-11-24');
    assert.equal(dayKey('not a date'), '');
});

test('day labels say Today and Yesterday, then the weekday and date, with the year only when it differs', () => {
    const now = new Date(2025, 10, 24, 9, 0);
    assert.equal(dayLabel(local(2025, 10, 24, 0, 5), now), 'Today');
    assert.equal(dayLabel(local(2025, 10, 23, 23, 55), now), 'Yesterday');
    const older = dayLabel(local(2025, 10, 20, 12, 0), now);
    assert.ok(!/2025/.test(older) && /20/.test(older), older);
    assert.match(dayLabel(local(2024, 11, 31, 12, 0), now), /2024/);
    assert.equal(dayLabel('', now), '');
});

test('times show hours and minutes', () => {
    assert.match(formatTime(local(2025, 10, 24, 14, 5)), /14[:.]05|2[:.]05/);
    assert.equal(formatTime('nope'), '');
});
