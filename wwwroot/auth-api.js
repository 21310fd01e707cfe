// The account endpoints over HTTP (docs/api.md): register, log in, refresh, log out. Answers come back as
// { ok, status, data }; errors the server explains (ProblemDetails) become one sentence for a person.

async function post(path, body, accessToken = null) {
    const headers = { 'Content-Type': 'application/json' };
    if (accessToken) {
        headers.Authorization = `Bearer ${accessToken}`;
    }
    const response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
    // Errors come as ProblemDetails (application/problem+json); a 204 or a proxy's error page has no body we need.
    const type = response.headers.get('content-type') || '';
    const data = type.includes('json') ? await response.json() : null;
    return { ok: response.ok, status: response.status, data };
}

/** The text of a ProblemDetails answer: its validation errors, else its detail or title, else `fallback`. */
export function problemText(data, fallback) {
    if (data && data.errors && typeof data.errors === 'object') {
        const all = Object.values(data.errors).flat().filter(Boolean);
        if (all.length) {
            return all.join(' ');
        }
    }
    return (data && (data.detail || data.title)) || fallback;
}

export const authApi = {
    register: (userName, password) => post('/api/auth/register', { userName, password }),
    login: (userName, password) => post('/api/auth/login', { userName, password }),
    refresh: (refreshToken) => post('/api/auth/refresh', { refreshToken }),
    logout: (refreshToken, accessToken) => post('/api/auth/logout', { refreshToken }, accessToken),
};
