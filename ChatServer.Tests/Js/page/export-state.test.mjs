import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyStatus, clampProgress, exportViewOf, progressText } from '../../../wwwroot/export-state.js';

const job = (change = {}) => ({ room: 'general', format: 'csv', jobId: 'j1', status: 'queued', progress: 0, error: '', url: null, fileName: null, ...change });
const status = (change = {}) => ({ jobId: 'j1', kind: 'room-export', status: 'running', progress: 0.5, attempts: 1, error: null, resultUrl: null, ...change });

test('progress is a whole percentage, clamped to 0..100, and anything not a number is 0', () => {
    assert.equal(progressText(0.424), '42 %');
    assert.equal(progressText(0.999), '100 %');
    assert.equal(progressText(1.7), '100 %');
    assert.equal(progressText(-0.2), '0 %');
    assert.equal(progressText(undefined), '0 %');
    assert.equal(clampProgress('0.25'), 0.25);
});

test('a running status moves the export on with its progress', () => {
    assert.deepEqual(applyStatus(job(), status()), { change: { status: 'running', progress: 0.5 }, download: false });
});

test('success asks for the file; failure carries the server error; cancelled is its own state without an error', () => {
    assert.deepEqual(applyStatus(job({ status: 'running' }), status({ status: 'succeeded', progress: 1 })),
        { change: { status: 'downloading', progress: 1, error: '' }, download: true });
    assert.deepEqual(applyStatus(job({ status: 'running' }), status({ status: 'failed', progress: 0.3, error: 'Too big' })),
        { change: { status: 'failed', progress: 0.3, error: 'Too big' }, download: false });
    assert.equal(applyStatus(job(), status({ status: 'failed', error: null })).change.error, 'The export failed.');
    assert.deepEqual(applyStatus(job({ status: 'cancelling' }), status({ status: 'cancelled', progress: 0.2 })),
        { change: { status: 'cancelled', progress: 0.2, error: '' }, download: false });
});

test('while a cancel is on its way progress still counts but the status waits for the server', () => {
    assert.deepEqual(applyStatus(job({ status: 'cancelling' }), status({ progress: 0.6 })), { change: { progress: 0.6 }, download: false });
    // The job finished before the cancel reached it: the server's word wins.
    assert.equal(applyStatus(job({ status: 'cancelling' }), status({ status: 'succeeded' })).download, true);
});

test('another job, a finished export, a download under way and unknown statuses are ignored', () => {
    assert.equal(applyStatus(job(), status({ jobId: 'j2' })), null);
    assert.equal(applyStatus(null, status()), null);
    assert.equal(applyStatus(job(), null), null);
    for (const finished of ['succeeded', 'failed', 'cancelled', 'downloading']) {
        assert.equal(applyStatus(job({ status: finished }), status()), null, finished);
    }
    assert.equal(applyStatus(job(), status({ status: 'paused' })), null);
});

test('the dialog shows Cancel only for a named job that is queued or running', () => {
    assert.equal(exportViewOf(job({ status: 'queued' })).cancel, true);
    assert.equal(exportViewOf(job({ status: 'running' })).cancel, true);
    assert.equal(exportViewOf(job({ status: 'starting', jobId: null })).cancel, false);
    for (const other of ['cancelling', 'downloading', 'succeeded', 'failed', 'cancelled']) {
        assert.equal(exportViewOf(job({ status: other })).cancel, false, other);
    }
});

test('a failed export shows its error and Retry; a cancelled one Retry without an error; both free the form', () => {
    const failed = exportViewOf(job({ status: 'failed', error: 'Too big' }));
    assert.deepEqual([failed.error, failed.retry, failed.busy, failed.download], ['Too big', true, false, null]);
    assert.equal(failed.statusText, 'The export failed.');
    const cancelled = exportViewOf(job({ status: 'cancelled', error: 'stale' }));
    assert.deepEqual([cancelled.error, cancelled.retry, cancelled.busy], ['', true, false]);
    assert.equal(cancelled.statusText, 'The export was cancelled.');
});

test('a running export shows its percentage and keeps the form busy; a finished one offers its file', () => {
    const running = exportViewOf(job({ status: 'running', progress: 0.371 }));
    assert.deepEqual([running.statusText, running.progressText, running.busy, running.retry], ['Exporting… 37 %', '37 %', true, false]);
    const done = exportViewOf(job({ status: 'succeeded', progress: 1, url: 'blob:x', fileName: 'general.csv' }));
    assert.deepEqual(done.download, { href: 'blob:x', fileName: 'general.csv', text: 'Download general.csv' });
    assert.equal(done.busy, false);
});

test('with no export the dialog shows only the form', () => {
    assert.deepEqual([exportViewOf(null).jobShown, exportViewOf(null).busy], [false, false]);
});
