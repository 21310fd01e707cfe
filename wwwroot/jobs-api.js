// The background-job endpoints over HTTP (docs/api.md, "Room exports"): start a room export, read a job's status, cancel
// it, and fetch its finished file. Every call carries the bearer token; answers come back as { ok, status, data } like
// auth-api.js, and the file as a Blob (the result needs the Authorization header, so a plain link cannot fetch it).

async function send(method, path, accessToken, body) {
    const headers = { Authorization: `Bearer ${accessToken}` };
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const type = response.headers.get('content-type') || '';
    const data = type.includes('json') ? await response.json() : null;
    return { ok: response.ok, status: response.status, data };
}

/** The file name a Content-Disposition header gives (its plain filename parameter), or null. */
export function attachmentName(header) {
    const plain = /filename="?([^";]+)"?/i.exec(header || '');
    return plain ? plain[1] : null;
}

export const jobsApi = {
    /** 202 { jobId, status: "queued" }; 400, 403 or 429 (ProblemDetails) otherwise. */
    startExport: (room, format, accessToken) =>
        send('POST', `/api/rooms/${encodeURIComponent(room)}/exports`, accessToken, { format }),
    /** 200 JobStatus; 404 for a job that is not the caller's or has expired. */
    getJob: (jobId, accessToken) => send('GET', `/api/jobs/${encodeURIComponent(jobId)}`, accessToken),
    /** 204 (a finished job stays as it is: read it to see); 404 for a job that is not the caller's or has expired. */
    cancelJob: (jobId, accessToken) => send('DELETE', `/api/jobs/${encodeURIComponent(jobId)}`, accessToken),
    /** { ok, status, blob, fileName } of GET resultUrl. */
    async fetchResult(resultUrl, accessToken) {
        const response = await fetch(resultUrl, { headers: { Authorization: `Bearer ${accessToken}` } });
        if (!response.ok) {
            return { ok: false, status: response.status, blob: null, fileName: null };
        }
        return { ok: true, status: response.status, blob: await response.blob(), fileName: attachmentName(response.headers.get('content-disposition')) };
    },
};
