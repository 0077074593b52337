import { ApiError, get, post, segment } from './api.js';
import { badge, card, empty, field, h, replace, select } from './dom.js';
import { label, money, when } from './format.js';
import { follow, liveIndicator } from './live.js';

const recentKey = 'rg.console.recent-customers';
const recordable = ['interaction', 'service-case', 'sales-opportunity', 'marketing-touch'];
const channels = ['web', 'email', 'chat', 'phone', 'social', 'store', 'partner'];
// Entries that change what the side cards show; on one of these the cards are read again.
const refreshing = new Set(['profile-updated', 'intent-expressed', 'intent-withdrawn', 'consent-granted', 'consent-revoked', 'intent-offer-received']);

export function render(main, [customerId], context) {
  main.append(searchForm(customerId));
  if (!customerId) {
    main.append(recentCard());
    return null;
  }

  remember(customerId);
  const base = `/api/v1/customers/${segment(customerId)}`;
  const side = h('div', { class: 'column' });
  const timeline = h('ol', { class: 'timeline', 'aria-label': 'Timeline, newest first' });
  const liveState = liveIndicator();
  const older = h('button', { type: 'button', class: 'quiet', hidden: true }, 'Show older');
  const shown = new Set();
  let oldest = null;

  main.append(h('h1', { class: 'page-title' }, 'Customer ', h('span', { class: 'mono' }, customerId)),
    h('div', { class: 'grid two' }, side,
      h('div', { class: 'column' }, recordForm(base, context),
        card('Timeline', h('p', { class: 'card-meta' }, liveState.element), timeline, older))));

  const add = (entry, atTop) => {
    if (shown.has(entry.sequence)) return;
    shown.add(entry.sequence);
    const item = entryItem(entry);
    if (atTop) {
      item.classList.add('fresh');
      timeline.prepend(item);
    } else {
      timeline.append(item);
    }
    timeline.querySelector('.empty')?.remove();
  };

  const loadSide = () => Promise.all([
    get(base).catch(e => (e instanceof ApiError && e.status === 404 ? null : Promise.reject(e))),
    get(`${base}/consents`),
    get(`${base}/intents?includeWithdrawn=true`),
    get(`${base}/partner-access`),
    get(`${base}/staff-access`),
  ]).then(([profile, consents, intents, access, staff]) =>
    replace(side, profileCard(customerId, profile), consentsCard(consents), intentsCard(intents), accessCard(access), staffAccessCard(staff)))
    .catch(context.failed);

  let stop = null;
  let gone = false;
  (async () => {
    try {
      const [page] = await Promise.all([get(`${base}/timeline?limit=50`), loadSide()]);
      if (gone) return;
      page.entries.forEach(e => add(e, false));
      if (page.entries.length === 0) timeline.append(h('li', { class: 'empty' }, 'Nothing on the timeline yet.'));
      oldest = page.entries.at(-1)?.sequence ?? null;
      older.hidden = !page.hasMore;
      stop = follow(`${base}/live`, page.latestSequence, entry => {
        add(entry, true);
        if (refreshing.has(entry.kind)) loadSide();
      }, liveState.update);
    } catch (e) {
      context.failed(e);
    }
  })();

  older.addEventListener('click', async () => {
    try {
      const page = await get(`${base}/timeline?before=${oldest}&limit=50`);
      page.entries.forEach(e => add(e, false));
      oldest = page.entries.at(-1)?.sequence ?? oldest;
      older.hidden = !page.hasMore;
    } catch (e) {
      context.failed(e);
    }
  });

  return () => { gone = true; stop?.(); };
}

function searchForm(customerId) {
  const input = h('input', { type: 'search', name: 'customer', required: true, minlength: 2, maxlength: 100, value: customerId ?? '',
    placeholder: 'Name, e-mail, phone, tag or id' });
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  const form = h('form', { class: 'search', role: 'search' }, field('Find a customer', input), h('button', { type: 'submit' }, 'Find'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const query = input.value.trim();
    try {
      const found = await get(`/api/v1/customers?q=${encodeURIComponent(query)}&limit=20`);
      if (found.length === 1 && found[0].customerId === query) {
        location.hash = `#/customers/${encodeURIComponent(query)}`;
        return;
      }
      replace(results, searchResults(found, query));
    } catch (e) {
      showError(e, results);
    }
  });
  return h('div', {}, form, results);
}

function searchResults(found, query) {
  // A customer who never gave a profile is not in the directory but may well have a timeline.
  const byId = /^[a-z0-9._-]{1,64}$/.test(query)
    ? h('p', {}, h('a', { href: `#/customers/${encodeURIComponent(query)}` }, `Open the customer with id ${query}`)) : null;
  return card(`Customers matching "${query}"`,
    found.length
      ? h('ul', { class: 'rows results-list' }, found.map(c => h('li', {},
        h('a', { href: `#/customers/${encodeURIComponent(c.customerId)}` }, c.displayName ?? c.customerId),
        ' ', h('span', { class: 'mono sub' }, c.customerId),
        c.contacts.length ? h('div', { class: 'sub' }, c.contacts.join(' · ')) : null,
        c.tags.length ? h('div', {}, c.tags.map(t => badge(t))) : null)))
      : empty('Nobody with that name, contact or tag.'),
    byId);
}

function showError(error, results) {
  replace(results, h('p', { class: 'error', role: 'alert' }, error.message));
}

function recentCard() {
  const recent = JSON.parse(localStorage.getItem(recentKey) ?? '[]');
  return card('Recently opened',
    recent.length
      ? h('ul', { class: 'links' }, recent.map(id => h('li', {}, h('a', { href: `#/customers/${encodeURIComponent(id)}` }, id))))
      : empty('Find a customer by name, contact, tag or id; the ones you open are listed here.'));
}

function remember(customerId) {
  const recent = JSON.parse(localStorage.getItem(recentKey) ?? '[]').filter(id => id !== customerId);
  localStorage.setItem(recentKey, JSON.stringify([customerId, ...recent].slice(0, 10)));
}

function profileCard(customerId, profile) {
  if (!profile) return card('Profile', empty(`${customerId} has not given a profile yet.`));
  return card('Profile',
    h('p', { class: 'name' }, profile.displayName ?? customerId),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Id'), h('dd', { class: 'mono' }, profile.customerId),
      h('dt', {}, 'Language'), h('dd', {}, profile.language ?? '—'),
      h('dt', {}, 'Contact'), h('dd', {}, profile.contactPoints.length
        ? profile.contactPoints.map(c => h('div', {}, `${label(c.channel)}: ${c.address}`)) : '—'),
      h('dt', {}, 'Customer since'), h('dd', {}, when(profile.createdAt))),
    profile.tags.length ? h('p', { class: 'tags' }, profile.tags.map(t => badge(t))) : null);
}

function consentsCard(consents) {
  return card('Consent grants', consents.length
    ? h('ul', { class: 'rows' }, consents.map(c => h('li', {},
      h('strong', {}, c.partnerId), ' may see ', c.scopes.map(s => badge(label(s), 'ok')),
      h('small', {}, ` since ${when(c.grantedAt)}${c.expiresAt ? `, until ${when(c.expiresAt)}` : ''}`))))
    : empty('No partner may see anything of this customer.'));
}

function intentsCard(intents) {
  return card('Intents', intents.length
    ? h('ul', { class: 'rows' }, intents.map(i => h('li', {},
      badge(label(i.status), i.status === 'open' ? 'ok' : 'muted'), ' ', h('strong', {}, i.text),
      h('small', {}, ` ${label(i.category)}${i.budget ? ` · budget ${money(i.budget)}` : ''}${i.deadline ? ` · by ${when(i.deadline)}` : ''}`),
      i.offers?.length ? h('div', { class: 'sub' }, `${i.offers.length} offer(s): `,
        i.offers.map(o => `${o.partnerId} ${money(o.price)} in ${o.leadTimeDays} d`).join('; ')) : null)))
    : empty('No intents expressed.'));
}

function accessCard(access) {
  return card('Partner reads (audit)', access.length
    ? h('ul', { class: 'rows' }, access.slice(-20).reverse().map(a => h('li', {},
      h('strong', {}, a.partnerId), ` read ${a.what}`, a.scope ? ` under ${label(a.scope)} consent` : '',
      h('small', {}, ` ${when(a.at)}`))))
    : empty('No partner has read this customer\'s data.'));
}

export function staffAccessCard(accesses, title = 'Staff access (audit)', none = 'No signed-in member of staff has looked at this customer\'s data.') {
  return card(title, accesses.length
    ? h('ul', { class: 'rows' }, accesses.slice(0, 20).map(a => h('li', {},
      h('strong', {}, a.name ?? a.subject), ` ${a.what.charAt(0).toLowerCase()}${a.what.slice(1)}`, h('small', {}, ` ${when(a.at)}`))))
    : empty(none));
}

function entryItem(entry) {
  const meta = [entry.channel && label(entry.channel), entry.direction && label(entry.direction),
    author(entry.author), when(entry.occurredAt)].filter(Boolean).join(' · ');
  return h('li', { class: `entry kind-${entry.kind}`, 'data-sequence': entry.sequence },
    h('div', { class: 'entry-head' }, badge(label(entry.kind), 'kind'),
      entry.status ? badge(label(entry.status), 'status') : null,
      entry.subject || entry.topic ? h('strong', {}, entry.subject ?? entry.topic) : null,
      h('span', { class: 'seq', 'aria-label': `entry ${entry.sequence}` }, `#${entry.sequence}`)),
    entry.text ? h('p', { class: 'entry-text' }, entry.text) : null,
    h('small', {}, meta));
}

function author(a) {
  if (!a) return '';
  // A signed-in member of staff is shown by name; the subject is the provider's id, not a person's.
  return a.name ? `${label(a.kind)} ${a.name}` : a.id ? `${label(a.kind)} ${a.id}` : label(a.kind);
}

function recordForm(base, context) {
  const kind = select('kind', recordable.map(k => ({ value: k, label: label(k) })), 'interaction');
  const channel = select('channel', channels.map(c => ({ value: c, label: label(c) })), 'phone');
  const direction = select('direction', [{ value: 'inbound', label: 'From the customer' }, { value: 'outbound', label: 'To the customer' }], 'inbound');
  const topic = h('input', { type: 'text', name: 'topic', maxlength: 200 });
  const text = h('textarea', { name: 'text', rows: 3, required: true, maxlength: 4000 });
  const submit = h('button', { type: 'submit' }, 'Record');
  // One id per thing recorded, kept until the server acknowledges it, so a retry after a lost answer is not a duplicate.
  let interactionId = `console-${crypto.randomUUID()}`;
  const form = h('form', { class: 'record', 'aria-label': 'Record an interaction' },
    h('div', { class: 'inline' }, field('Kind', kind), field('Channel', channel), field('Direction', direction)),
    field('Topic', topic), field('What happened', text), submit);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    submit.disabled = true;
    try {
      await post(`${base}/interactions`, {
        interactionId,
        kind: kind.value,
        channel: channel.value,
        direction: direction.value,
        author: { kind: 'staff', id: context.staffId },
        topic: topic.value.trim() || undefined,
        text: text.value,
      });
      interactionId = `console-${crypto.randomUUID()}`;
      text.value = '';
      topic.value = '';
      context.notify('Recorded.');
    } catch (e) {
      context.failed(e);
    } finally {
      submit.disabled = false;
    }
  });
  return card('Record as staff', form);
}
