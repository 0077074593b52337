import { ApiError, get, session } from './api.js';
import { field, h, replace } from './dom.js';
import * as signIn from './signin.js';
import * as customers from './customer.js';
import * as ideas from './ideas.js';
import * as chains from './chains.js';
import * as operations from './operations.js';
import * as mine from './mine.js';

const views = { customers, ideas, 'value-chains': chains, operations };
const main = document.getElementById('main');
let leave = null;
let leavingForProvider = false;

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
    const message = session.person ? 'Your sign-in has ended; sign in again.' : 'Your key is no longer accepted; sign in again.';
    session.signOut();
    route();
    notify(message, 'error');
    return;
  }
  const wait = error.retryAfter ? ` Try again in ${error.retryAfter} s.` : '';
  notify(`${error.message}${wait}`, 'error');
}

async function signInView() {
  const provider = await signIn.providerSettings();
  const key = h('input', { type: 'password', name: 'key', required: true, autocomplete: 'current-password' });
  const staff = h('input', { type: 'text', name: 'staff', pattern: '[a-z0-9._\\-]+', maxlength: 128 });
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const form = h('form', { class: 'card sign-in', 'aria-labelledby': provider ? 'key-title' : 'sign-in-title' },
    provider ? h('h2', { id: 'key-title' }, 'Or sign in with a key') : h('h1', { id: 'sign-in-title' }, 'Sign in'),
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
  if (!provider) {
    replace(main, form);
    key.focus();
    return;
  }

  const hint = h('input', { type: 'text', name: 'login-hint', autocomplete: 'username', maxlength: 256 });
  const organisation = h('form', { class: 'card sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Sign in'),
    h('p', {}, 'Staff sign in with their organisation\'s account. What you record is shown under your own name.'),
    field('Work e-mail or user name', hint, 'Optional: fills in the sign-in page for you.'),
    h('button', { type: 'submit' }, 'Continue to your organisation\'s sign-in'));
  organisation.addEventListener('submit', event => {
    event.preventDefault();
    signIn.begin(hint.value.trim());
  });
  replace(main, organisation, form);
  hint.focus();
}

async function route(event) {
  // On the way to the provider's end-session page: this document draws nothing more.
  if (leavingForProvider) return;
  leave?.();
  leave = null;
  const signedIn = session.key && (session.identity ?? await identify());
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('who').hidden = !signedIn;
  if (!signedIn) {
    await signInView();
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
  if (!role) {
    replace(main, h('section', { class: 'card' }, h('h1', {}, 'No access yet'),
      h('p', {}, `You are signed in as ${name}, but your organisation has not given your account a role here. Ask an administrator to add you to the CRM's staff or operators group.`)));
    return;
  }
  if (role === 'customer') {
    document.getElementById('nav').hidden = true;
    leave = mine.render(main, [], { notify, failed, customerId: session.identity.customerId });
    return;
  }
  if (role === 'partner') {
    replace(main, h('section', { class: 'card' }, h('h1', {}, 'Partner keys'),
      h('p', {}, 'This console is for staff and operators. Partners work through the partner API (/api/v1/partner).')));
    return;
  }
  const staffId = session.person ? session.identity.subject : session.staffId;
  leave = views[chosen].render(main, rest.map(decodeURIComponent), { notify, failed, staffId, role });
  // A screen reader user hears the new view rather than staying on the link that opened it.
  if (event?.type === 'hashchange') main.focus();
}

async function identify() {
  try {
    session.identity = await get('/api/v1/me');
    return session.identity;
  } catch (e) {
    // Only a refused key or token ends the session; an outage (503) keeps it for the next try.
    if (e instanceof ApiError && e.status === 401) session.signOut();
    else notify(e.message, 'error');
    return null;
  }
}

document.getElementById('sign-out').addEventListener('click', async () => {
  location.hash = '';
  // Leaving for the provider's end-session page: the signed-out view is drawn when the browser comes back.
  leavingForProvider = await signIn.end();
  if (!leavingForProvider) route();
});
window.addEventListener('hashchange', route);
session.renew = signIn.refresh;

// Back from the provider with a code: trade it for tokens before the first view.
const failure = await signIn.complete();
await route();
if (failure) notify(failure, 'error');
