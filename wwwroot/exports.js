// Room exports from the page: starts a background export job (jobs-api.js), follows it through the hub's JobUpdated
// events, and when it has succeeded fetches the file with the bearer token into a Blob whose object URL the view
// offers as a download. One export at a time is shown (state.exportJob); a failed one can be started again.

import { problemText } from './auth-api.js';
import { jobsApi } from './jobs-api.js';

export const EXPORT_FORMATS = ['json', 'csv', 'html'];
const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

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
        if (status.jobId !== job.jobId || FINISHED.has(job.status) || job.status === 'downloading') {
            return;
        }
        const progress = Math.min(1, Math.max(0, Number(status.progress) || 0));
        if (status.status === 'succeeded') {
            this.#change({ status: 'downloading', progress: 1 });
            await this.#download(status);
        } else if (status.status === 'failed' || status.status === 'cancelled') {
            this.#fail(status.error || `The export ${status.status}.`);
        } else {
            this.#change({ status: status.status, progress });
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

    #fail(error) {
        this.#change({ status: 'failed', error });
    }

    #change(change) {
        this.#store.update((s) => (s.exportJob ? { ...s, exportJob: { ...s.exportJob, ...change } } : s));
    }

    #set(job) {
        this.#store.update((s) => ({ ...s, exportJob: job }));
    }
}
