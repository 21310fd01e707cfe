// The room export as the page shows it, without the DOM or the network (so node --test can check it): how a job's
// JobStatus from the server changes the export the page shows (state.exportJob), and what the export dialog shows for
// it. The page's own states around the server's: 'starting' (before the POST answered), 'cancelling' (the DELETE is
// sent, the server has not confirmed) and 'downloading' (succeeded, the file is being fetched).

export const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

const STATUS_TEXT = {
    starting: 'Starting the export…',
    queued: 'Waiting for a worker…',
    running: 'Exporting…',
    cancelling: 'Cancelling…',
    downloading: 'Fetching the file…',
    succeeded: 'The export is ready.',
    failed: 'The export failed.',
    cancelled: 'The export was cancelled.',
};

/** A progress (0..1, anything else clamped) as a whole percentage, e.g. "42 %". */
export function progressText(progress) {
    return `${Math.round(clampProgress(progress) * 100)} %`;
}

export function clampProgress(progress) {
    return Math.min(1, Math.max(0, Number(progress) || 0));
}

/**
 * What a JobStatus event means for the shown export `job`: null to ignore it (another job's, or the shown one is
 * already finished), else { change, download } where change is merged into the job and download says the file is to
 * be fetched now.
 */
export function applyStatus(job, status) {
    if (!job || !status?.jobId || status.jobId !== job.jobId || FINISHED.has(job.status) || job.status === 'downloading') {
        return null;
    }
    const progress = clampProgress(status.progress);
    switch (status.status) {
        case 'succeeded':
            return { change: { status: 'downloading', progress: 1, error: '' }, download: true };
        case 'failed':
            return { change: { status: 'failed', progress, error: status.error || 'The export failed.' }, download: false };
        case 'cancelled':
            return { change: { status: 'cancelled', progress, error: '' }, download: false };
        case 'queued':
        case 'running':
            // A cancel is on its way: progress still counts, the status waits for the server's answer.
            return { change: job.status === 'cancelling' ? { progress } : { status: status.status, progress }, download: false };
        default:
            return null;
    }
}

/** What the export dialog shows for `job` (null: no export yet). */
export function exportViewOf(job) {
    if (!job) {
        return { jobShown: false, busy: false, progress: 0, progressText: progressText(0), statusText: '', error: '',
            retry: false, cancel: false, download: null };
    }
    const busy = !FINISHED.has(job.status);
    const base = STATUS_TEXT[job.status] ?? job.status;
    return {
        jobShown: true,
        busy,
        progress: clampProgress(job.progress),
        progressText: progressText(job.progress),
        statusText: job.status === 'running' ? `${base} ${progressText(job.progress)}` : base,
        error: job.status === 'failed' ? job.error : '',
        retry: job.status === 'failed' || job.status === 'cancelled',
        // Only a job the server has named can be cancelled, and only while it may still be queued or running.
        cancel: Boolean(job.jobId) && (job.status === 'queued' || job.status === 'running'),
        download: job.status === 'succeeded' ? { href: job.url, fileName: job.fileName, text: `Download ${job.fileName}` } : null,
    };
}
