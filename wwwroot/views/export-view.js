// The room export: the header's Export button opens the export dialog (dialogs-view.js shows and closes it); here its
// format choice and Start, then the job as it goes (a progress bar fed by JobUpdated, via exports.js), the download
// link once the file is here, and a failed job's error with Retry.

import { byId, changed, mount, showText } from './dom.js';

const STATUS_TEXT = {
    starting: 'Starting the export…',
    queued: 'Waiting for a worker…',
    running: 'Exporting…',
    downloading: 'Fetching the file…',
    succeeded: 'The export is ready.',
    failed: 'The export failed.',
};

function statusText(job) {
    const base = STATUS_TEXT[job.status] ?? job.status;
    return job.status === 'running' ? `${base} ${Math.round(job.progress * 100)} %` : base;
}

export function exportView(store, actions) {
    byId('export-open').addEventListener('click', () => actions.openDialog({ kind: 'export' }));
    byId('export-start').addEventListener('click', () => actions.startExport(byId('export-format').value));
    byId('export-retry').addEventListener('click', () => actions.retryExport());

    mount(store, (state, previous) => {
        if (changed(state, previous, (s) => s.current)) {
            byId('export-open').hidden = !state.current;
        }
        if (!changed(state, previous, (s) => s.exportJob)) {
            return;
        }
        const job = state.exportJob;
        const busy = Boolean(job) && !['succeeded', 'failed'].includes(job.status);
        byId('export-start').disabled = busy;
        byId('export-format').disabled = busy;
        byId('export-job').hidden = !job;
        if (!job) {
            return;
        }
        const progress = byId('export-progress');
        progress.value = job.progress;
        progress.setAttribute('aria-valuetext', `${Math.round(job.progress * 100)} %`);
        byId('export-status').textContent = statusText(job);
        showText(byId('export-error'), job.status === 'failed' ? job.error : '');
        byId('export-retry').hidden = job.status !== 'failed';
        const link = byId('export-download');
        link.hidden = job.status !== 'succeeded';
        if (job.status === 'succeeded') {
            link.href = job.url;
            link.download = job.fileName;
            link.textContent = `Download ${job.fileName}`;
        } else {
            link.removeAttribute('href');
        }
    });
}
