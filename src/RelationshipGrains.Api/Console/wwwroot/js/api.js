// The key, or a signed-in person's tokens, live in this tab's session only: closing the tab signs out.
const keyName = 'rg.console.key';
const staffName = 'rg.console.staff';
const refreshName = 'rg.console.refresh-token';
const idTokenName = 'rg.console.id-token';

export class ApiError extends Error {
  constructor(status, title, detail, retryAfter) {
    super(detail || title || `The server answered ${status}.`);
    this.status = status;
    this.title = title;
    this.retryAfter = retryAfter;
  }
}

export const session = {
  /** What every call sends as its bearer: the API key, or the person's access token. */
  get key() { return sessionStorage.getItem(keyName); },
  get staffId() { return sessionStorage.getItem(staffName); },
  get refreshToken() { return sessionStorage.getItem(refreshName); },
  get idToken() { return sessionStorage.getItem(idTokenName); },
  get person() { return sessionStorage.getItem(idTokenName) !== null || sessionStorage.getItem(refreshName) !== null; },
  identity: null,
  signIn(key, staffId) {
    sessionStorage.setItem(keyName, key);
    sessionStorage.setItem(staffName, staffId);
  },
  signInWithToken(accessToken, refreshToken, idToken) {
    sessionStorage.setItem(keyName, accessToken);
    if (refreshToken) sessionStorage.setItem(refreshName, refreshToken);
    if (idToken) sessionStorage.setItem(idTokenName, idToken);
  },
  signOut() {
    for (const name of [keyName, staffName, refreshName, idTokenName]) sessionStorage.removeItem(name);
    session.identity = null;
  },
  /** Set by the sign-in module: renews an expired access token, true when it did. */
  renew: async () => false,
};

export async function call(method, path, body, key = session.key) {
  const sessions = key === session.key;
  let response = await send(method, path, body, key);
  // An access token expires while the console is open; one renewal (shared by the calls refused together) and one
  // retry, then the person signs in again.
  if (response.status === 401 && sessions && session.refreshToken && await session.renew()) {
    response = await send(method, path, body, session.key);
  }
  if (response.status === 204) return null;
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const detail = data?.errors ? Object.values(data.errors).flat().join(' ') : data?.detail;
    throw new ApiError(response.status, data?.title, detail, response.headers.get('Retry-After'));
  }
  return data;
}

function send(method, path, body, key) {
  const headers = { Accept: 'application/json' };
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

export const get = (path, key) => call('GET', path, undefined, key);
export const post = (path, body) => call('POST', path, body ?? {});
export const remove = path => call('DELETE', path);

// Path segments come from what people type; encoding keeps them segments.
export const segment = value => encodeURIComponent(value.trim());
