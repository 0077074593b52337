// The signed-in key lives in this tab's session only: closing the tab signs out.
const keyName = 'rg.console.key';
const staffName = 'rg.console.staff';

export class ApiError extends Error {
  constructor(status, title, detail, retryAfter) {
    super(detail || title || `The server answered ${status}.`);
    this.status = status;
    this.title = title;
    this.retryAfter = retryAfter;
  }
}

export const session = {
  get key() { return sessionStorage.getItem(keyName); },
  get staffId() { return sessionStorage.getItem(staffName); },
  identity: null,
  signIn(key, staffId) {
    sessionStorage.setItem(keyName, key);
    sessionStorage.setItem(staffName, staffId);
  },
  signOut() {
    sessionStorage.removeItem(keyName);
    sessionStorage.removeItem(staffName);
    session.identity = null;
  },
};

export async function call(method, path, body, key = session.key) {
  const headers = { Accept: 'application/json' };
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 204) return null;
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const detail = data?.errors ? Object.values(data.errors).flat().join(' ') : data?.detail;
    throw new ApiError(response.status, data?.title, detail, response.headers.get('Retry-After'));
  }
  return data;
}

export const get = (path, key) => call('GET', path, undefined, key);
export const post = (path, body) => call('POST', path, body ?? {});

// Path segments come from what people type; encoding keeps them segments.
export const segment = value => encodeURIComponent(value.trim());
