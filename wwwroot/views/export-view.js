// The room export: the header's Export button opens the export dialog (dialogs-view.js shows and closes it); here its
// format choice and Start, then the job as it goes (a progress bar fed by JobUpdated, via exports.js), Cancel while it
// is queued or running, the download link once the file is here, and a failed job's error (or a cancelled job) with
// Retry. What each state shows is export-state.js's.

import { exportViewOf } from '../export-state.js';
import { byId, changed, mount, showText } from './dom.js';

export function exportView(store, actions) {
    byId('export-open').addEventListener('click', () => actions.openDialog({ kind: 'export' }));
    byId('export-start').addEventListener('click', () => actions.startExport(byId('export-format').value));
    byId('export-retry').addEventListener('click', () => actions.retryExport());
    byId('export-cancel').addEventListener('click', () => actions.cancelExport());

    mount(store, (state, previous) => {
        if (changed(state, previous, (s) => s.current)) {
            byId('export-open').hidden = !state.current;
        }
        if (!changed(state, previous, (s) => s.exportJob)) {
            return;
        }
        const view = exportViewOf(state.exportJob);
        byId('export-start').disabled = view.busy;
        byId('export-format').disabled = view.busy;
        const panel = byId('export-job');
        panel.hidden = !view.jobShown;
        if (!view.jobShown) {
            return;
        }
        panel.dataset.jobId = state.exportJob.jobId ?? '';   // names the job for support (and the tests)
        const progress = byId('export-progress');
        progress.value = view.progress;
        progress.setAttribute('aria-valuetext', view.progressText);
        byId('export-status').textContent = view.statusText;
        showText(byId('export-error'), view.error);
        byId('export-retry').hidden = !view.retry;
        byId('export-cancel').hidden = !view.cancel;
        const link = byId('export-download');
        link.hidden = !view.download;
        if (view.download) {
            link.href = view.download.href;
            link.download = view.download.fileName;
            link.textContent = view.download.text;
        } else {
            link.removeAttribute('href');
        }
    });
}
