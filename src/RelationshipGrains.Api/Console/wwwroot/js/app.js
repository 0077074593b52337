import { ApiError, get, session } from './api.js';
import { field, h, replace } from './dom.js';
import * as customers from './customer.js';
import * as ideas from './ideas.js';
import * as chains from './chains.js';
import * as operations from './operations.js';

const views = { customers, ideas, 'value-chains': chains, operations };
const main = document.getElementById('main');
let leave = null;

export function notify(message, tone = 'info') {
  const notice = document.getElementById('notice');
  notice.className = `notice ${tone}`;
  notice.textContent = message;
  notice.hidden = false;
  clearTimeout(notify.timer);
  notify.timer = setTimeout(() => { notice.hidden = true; }, tone === 'error' ? 10000 : 4000);
}

// Every failed call ends up here: a clear sentence, and sign-in again when the key stopped working.
export function failed(error) {
  if (error instanceof ApiError && error.status === 401) {
    session.signOut();
    route();
    notify('Your key is no longer accepted; sign in again.', 'error');
    return;
  }
  const wait = error.retryAfter ? ` Try again in ${error.retryAfter} s.` : '';
  notify(`${error.message}${wait}`, 'error');
}

function signInView() {
  const key = h('input', { type: 'password', name: 'key', required: true, autocomplete: 'current-password' });
  const staff = h('input', { type: 'text', name: 'staff', pattern: '[a-z0-9._\\-]+', maxlength: 128 });
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const form = h('form', { class: 'card sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Sign in'),
    h('p', {}, 'Use the API key you were given. It stays in this browser tab and is forgotten when you close it.'),
    field('API key', key),
    field('Your staff id', staff, 'Shown as the author of what you record; lower-case letters, digits, dot, dash. Defaults to the key\'s name.'),
    error,
    h('button', { type: 'submit' }, 'Sign in'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const identity = await get('/api/v1/me', key.value.trim());
      const staffId = staff.value.trim() || identity.name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
      session.signIn(key.value.trim(), staffId);
      session.identity = identity;
      if (!location.hash || location.hash === '#/') location.hash = '#/customers';
      route();
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 401 ? 'That key is not recognised.' : e.message;
      error.hidden = false;
    }
  });
  replace(main, form);
  key.focus();
}

async function route(event) {
  leave?.();
  leave = null;
  const signedIn = session.key && (session.identity ?? await identify());
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('who').hidden = !signedIn;
  if (!signedIn) {
    signInView();
    return;
  }

  const { role, name } = session.identity;
  document.getElementById('who-name').textContent = `${name} (${role})`;
  for (const link of document.querySelectorAll('#nav a[data-role]')) link.hidden = link.dataset.role !== role;

  const [, view = 'customers', ...rest] = location.hash.replace(/^#/, '').split('/');
  const chosen = views[view] ? view : 'customers';
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.view === chosen) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  replace(main);
  if (role === 'partner') {
    replace(main, h('section', { class: 'card' }, h('h1', {}, 'Partner keys'),
      h('p', {}, 'This console is for staff and operators. Partners work through the partner API (/api/v1/partner).')));
    return;
  }
  leave = views[chosen].render(main, rest.map(decodeURIComponent), { notify, failed, staffId: session.staffId, role });
  // A screen reader user hears the new view rather than staying on the link that opened it.
  if (event?.type === 'hashchange') main.focus();
}

async function identify() {
  try {
    session.identity = await get('/api/v1/me');
    return session.identity;
  } catch {
    session.signOut();
    return null;
  }
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  location.hash = '';
  route();
});
window.addEventListener('hashchange', route);
route();
