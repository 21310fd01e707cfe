// ChatServer's accounts for a run: register (a 409 means the name exists already: log in anyway) and log in through
// the HTTP API, a few at a time, because each costs the server a password hash. The peers need no accounts.
const password = "peer-bench-password";

async function post(baseUrl, path, body) {
  const response = await fetch(new URL(path, baseUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  return response;
}

async function registerAndLogin(baseUrl, userName) {
  const registered = await post(baseUrl, "api/auth/register", { userName, password });
  if (registered.status !== 201 && registered.status !== 409) {
    throw new Error(`register ${userName}: HTTP ${registered.status}`);
  }
  const login = await post(baseUrl, "api/auth/login", { userName, password });
  if (login.status !== 200) throw new Error(`login ${userName}: HTTP ${login.status}`);
  return (await login.json()).accessToken;
}

/** Access tokens for `count` users named `${prefix}_${n}`, at most `concurrency` requests at a time. */
export async function provisionUsers(baseUrl, prefix, count, concurrency) {
  const tokens = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      tokens[index] = await registerAndLogin(baseUrl, `${prefix}_${index}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return tokens;
}
