// Room exports from the page: starts a background export job (jobs-api.js), follows it through the hub's JobUpdated
// events, and when it has succeeded fetches the file with the bearer token into a Blob whose object URL the view
// offers as a download. One export at a time is shown (state.exportJob); a running one can be cancelled
// (DELETE /api/jobs/{jobId}, confirmed by JobUpdated), and a failed or cancelled one started again. How a status
// changes the shown export is export-state.js's.

import { problemText } from './auth-api.js';
import { applyStatus } from './export-state.js';
import { jobsApi } from './jobs-api.js';

export const EXPORT_FORMATS = ['json', 'csv', 'html'];

export class Exports {
    #store;
    #session;       // () => the signed-in Session, or null
    #early = new Map();   // jobId -> a JobUpdated that arrived before the POST's answer named the job
    #objectUrl = null;

    constructor(store, { session }) {
        this.#store = store;
        this.#session = session;
    }

    /** The hub event handlers (hub.js names them). */
    get events() {
        return { jobUpdated: (status) => this.#onUpdate(status) };
    }

    /** Starts exporting `room` as `format` (json, csv or html), replacing the export shown before. */
    async start(room, format) {
        this.#forgetFile();
        this.#early.clear();
        this.#set({ room, format, jobId: null, status: 'starting', progress: 0, error: '', url: null, fileName: null });
        try {
            const token = await this.#session().accessToken();
            const answer = await jobsApi.startExport(room, format, token);
            if (!answer.ok || !answer.data?.jobId) {
                this.#fail(problemText(answer.data, `The export could not start (${answer.status}).`));
                return;
            }
            this.#change({ jobId: answer.data.jobId, status: answer.data.status || 'queued' });
            // An event may have come before this answer; else ask once, in case the job finished meanwhile.
            const early = this.#early.get(answer.data.jobId);
            const status = early ?? (await jobsApi.getJob(answer.data.jobId, token)).data;
            if (status) {
                await this.#onUpdate(status);
            }
        } catch (err) {
            this.#fail(`Cannot reach the server: ${err.message}`);
        }
    }

    /** Starts the shown export again (after it failed or was cancelled). */
    retry() {
        const job = this.#store.state.exportJob;
        return job ? this.start(job.room, job.format) : Promise.resolve();
    }

    /** Asks the server to cancel the shown export; the server's JobUpdated (or one read of the job) says it is done. */
    async cancel() {
        const job = this.#store.state.exportJob;
        if (!job?.jobId || !['queued', 'running'].includes(job.status)) {
            return;
        }
        this.#change({ status: 'cancelling' });
        try {
            const token = await this.#session().accessToken();
            const answer = await jobsApi.cancelJob(job.jobId, token);
            if (!answer.ok) {
                this.#fail(problemText(answer.data, `The export could not be cancelled (${answer.status}).`), job.jobId);
                return;
            }
            // 204: a finished job stays as it was, so the server's word decides what is shown.
            const status = (await jobsApi.getJob(job.jobId, token)).data;
            if (status) {
                await this.#onUpdate(status);
            }
        } catch (err) {
            this.#fail(`Cannot reach the server: ${err.message}`, job.jobId);
        }
    }

    /** Forgets the shown export and its file (signing out, closing). */
    clear() {
        this.#forgetFile();
        this.#early.clear();
        this.#store.update((s) => (s.exportJob ? { ...s, exportJob: null } : s));
    }

    async #onUpdate(status) {
        const job = this.#store.state.exportJob;
        if (!job || !status?.jobId) {
            return;
        }
        if (job.jobId === null) {
            this.#early.set(status.jobId, status);
            return;
        }
        const next = applyStatus(job, status);
        if (!next) {
            return;
        }
        this.#change(next.change);
        if (next.download) {
            await this.#download(status);
        }
    }

    async #download(status) {
        const job = this.#store.state.exportJob;
        try {
            const file = await jobsApi.fetchResult(status.resultUrl || `/api/jobs/${encodeURIComponent(job.jobId)}/result`,
                await this.#session().accessToken());
            if (this.#store.state.exportJob?.jobId !== job.jobId) {
                return;   // replaced meanwhile
            }
            if (!file.ok) {
                this.#fail(`The file could not be fetched (${file.status}).`);
                return;
            }
            this.#objectUrl = URL.createObjectURL(file.blob);
            this.#change({ status: 'succeeded', url: this.#objectUrl, fileName: file.fileName || `${job.room}.${job.format}` });
        } catch (err) {
            this.#fail(`Cannot reach the server: ${err.message}`);
        }
    }

    #forgetFile() {
        if (this.#objectUrl) {
            URL.revokeObjectURL(this.#objectUrl);
            this.#objectUrl = null;
        }
    }

    /** Shows `error` as the export's failure (only while `jobId`'s export is still the one shown, when given). */
    #fail(error, jobId = undefined) {
        if (jobId === undefined || this.#store.state.exportJob?.jobId === jobId) {
            this.#change({ status: 'failed', error });
        }
    }

    #change(change) {
        this.#store.update((s) => (s.exportJob ? { ...s, exportJob: { ...s.exportJob, ...change } } : s));
    }

    #set(job) {
        this.#store.update((s) => ({ ...s, exportJob: job }));
    }
}
