// "My relationships": a customer signed in to their own relationship sees who holds which consent and what each
// partner and member of staff read, their open intents with offers ranked by shared values, and their value
// chains; a consent is revoked with one action, and the page follows the customer's own live feed.
import { get, remove, segment } from './api.js';
import { badge, card, empty, h, replace } from './dom.js';
import { label, money, when } from './format.js';
import { follow, liveIndicator } from './live.js';
import { staffAccessCard } from './customer.js';

const refreshing = new Set(['consent-granted', 'consent-revoked', 'intent-expressed', 'intent-withdrawn', 'intent-offer-received', 'value-chain-step']);

export function render(main, _, context) {
  const base = `/api/v1/customers/${segment(context.customerId)}`;
  const cards = h('div', { class: 'grid two' });
  const liveState = liveIndicator();
  main.append(h('h1', { class: 'page-title' }, 'My relationships'), h('p', { class: 'card-meta' }, liveState.element), cards);

  let gone = false;
  const load = async () => {
    try {
      const [consents, partnerReads, staffLooks, intents, chains] = await Promise.all([
        get(`${base}/consents`), get(`${base}/partner-access`), get(`${base}/staff-access`), get(`${base}/intents`), get(`${base}/value-chains`),
      ]);
      if (gone) return;
      replace(cards,
        h('div', { class: 'column' }, consentsCard(consents, base, load, context), intentsCard(intents), chainsCard(chains)),
        h('div', { class: 'column' }, readsCard(partnerReads), staffAccessCard(staffLooks, 'What staff looked at', 'No member of staff has looked at anything of yours.')));
    } catch (e) {
      context.failed(e);
    }
  };

  let stop = null;
  (async () => {
    await load();
    try {
      const page = await get(`${base}/timeline?limit=1`);
      if (gone) return;
      // A burst of offers is one reload, not one per event: the customer's own rate limit is a person's.
      let pending = null;
      stop = follow(`${base}/live`, page.latestSequence, entry => {
        if (!refreshing.has(entry.kind) || pending) return;
        pending = setTimeout(() => { pending = null; load(); }, 500);
      }, liveState.update);
    } catch (e) {
      context.failed(e);
    }
  })();
  return () => { gone = true; stop?.(); };
}

function consentsCard(consents, base, load, context) {
  return card('Who may see what', consents.length
    ? h('ul', { class: 'rows' }, consents.map(c => {
      const revoke = h('button', { type: 'button', class: 'quiet', 'aria-label': `Revoke ${c.partnerId}'s consent` }, 'Revoke');
      revoke.addEventListener('click', async () => {
        revoke.disabled = true;
        try {
          await remove(`${base}/consents/${segment(c.partnerId)}`);
          context.notify(`${c.partnerId} can no longer see anything of yours.`);
          await load();
        } catch (e) {
          revoke.disabled = false;
          context.failed(e);
        }
      });
      return h('li', { 'data-partner-id': c.partnerId },
        h('strong', {}, c.partnerId), ' may see ', c.scopes.map(s => badge(label(s), 'ok')),
        h('small', {}, ` since ${when(c.grantedAt)}${c.expiresAt ? `, until ${when(c.expiresAt)}` : ''} `), revoke);
    }))
    : empty('No partner may see anything of yours.'));
}

function readsCard(reads) {
  return card('What partners read', reads.length
    ? h('ul', { class: 'rows' }, reads.slice(0, 20).map(a => h('li', {},
      h('strong', {}, a.partnerId), ` read ${a.what}`, a.scope ? ` under your ${label(a.scope)} consent` : '', h('small', {}, ` ${when(a.at)}`))))
    : empty('No partner has read anything of yours.'));
}

function intentsCard(intents) {
  const open = intents.filter(i => i.status === 'open');
  return card('What I am looking for', open.length
    ? h('ul', { class: 'rows' }, open.map(i => h('li', {},
      h('strong', {}, i.text), h('small', {}, ` ${label(i.category)}${i.budget ? ` · budget ${money(i.budget)}` : ''}`),
      i.offers?.length
        ? h('ol', { class: 'sub', 'aria-label': `Offers on ${i.text}, best match first` },
          i.offers.map(o => h('li', {}, `${o.partnerId}: ${money(o.price)} in ${o.leadTimeDays} days`)))
        : h('div', { class: 'sub' }, 'No offers yet.'))))
    : empty('Nothing open.'));
}

function chainsCard(chains) {
  return card('My value chains', chains.length
    ? h('ul', { class: 'rows' }, chains.map(c => h('li', {}, h('strong', {}, c.title), ' ', badge(label(c.status)),
      h('small', {}, ` ${c.slots.length} slot(s), created ${when(c.createdAt)}`))))
    : empty('No value chains yet.'));
}
