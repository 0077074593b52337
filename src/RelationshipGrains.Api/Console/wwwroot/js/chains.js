import { get, segment } from './api.js';
import { badge, card, empty, h, openForm, replace } from './dom.js';
import { label, money, when } from './format.js';
import { follow, liveIndicator } from './live.js';

const steps = ['pending', 'accepted', 'in-production', 'shipped', 'delivered'];

export function render(main, [customerId], context) {
  main.append(openForm('Customer id', 'customer', 'Show chains', customerId, '#/value-chains/'));
  if (!customerId) {
    main.append(card('Value chains', empty('Open a customer to see the value chains they assembled with partners.')));
    return null;
  }

  const base = `/api/v1/customers/${segment(customerId)}`;
  const board = h('div', { class: 'chains' });
  const liveState = liveIndicator();
  main.append(h('div', { class: 'page-head' },
    h('h1', { class: 'page-title' }, 'Value chains of ', h('a', { class: 'mono', href: `#/customers/${encodeURIComponent(customerId)}` }, customerId)),
    h('p', { class: 'card-meta' }, liveState.element)), board);

  let gone = false;
  let stop = null;
  const load = async () => {
    try {
      const chains = await get(`${base}/value-chains`);
      if (!gone) replace(board, chains.length ? chains.map(chainCard) : empty('This customer has no value chains.'));
    } catch (e) {
      context.failed(e);
    }
  };

  (async () => {
    await load();
    try {
      const page = await get(`${base}/timeline?limit=1`);
      if (gone) return;
      stop = follow(`${base}/live`, page.latestSequence, entry => {
        if (entry.kind === 'value-chain-step') load();
      }, liveState.update);
    } catch (e) {
      context.failed(e);
    }
  })();
  return () => { gone = true; stop?.(); };
}

function chainCard(chain) {
  const tone = { open: 'status', committed: 'ok', completed: 'ok', cancelled: 'fail' }[chain.status] ?? '';
  return h('section', { class: 'card chain', 'data-value-chain-id': chain.valueChainId, 'aria-label': `Value chain ${chain.title}` },
    h('div', { class: 'entry-head' }, h('h2', {}, chain.title), badge(label(chain.status), tone)),
    h('p', { class: 'card-meta' }, `Created ${when(chain.createdAt)}`, chain.committedAt ? ` · committed ${when(chain.committedAt)}` : ''),
    h('div', { class: 'slots' }, chain.slots.length ? chain.slots.map(slot) : empty('No slots yet.')),
    chain.history.length ? h('details', {}, h('summary', {}, `Acceptance history (${chain.history.length})`),
      h('ul', { class: 'rows' }, chain.history.map(r => h('li', {},
        `${r.role}: ${r.partnerId}${r.replaced ? ` replaced ${r.replaced}` : ''}`, h('small', {}, ` ${when(r.at)}`))))) : null);
}

function slot(s) {
  const limits = [s.constraints.maxPrice && `at most ${money(s.constraints.maxPrice)}`,
    s.constraints.maxLeadTimeDays !== null && s.constraints.maxLeadTimeDays !== undefined && `within ${s.constraints.maxLeadTimeDays} days`,
    s.constraints.requiredCertifications?.length && `certified ${s.constraints.requiredCertifications.join(', ')}`].filter(Boolean);
  return h('article', { class: 'slot', 'data-role': s.role },
    h('h3', {}, s.role),
    s.requirements ? h('p', {}, s.requirements) : null,
    limits.length ? h('p', { class: 'sub' }, limits.join(' · ')) : null,
    h('p', { class: 'sub' }, s.invitedPartners.length ? `Invited: ${s.invitedPartners.join(', ')}` : 'No partner invited'),
    s.offers.length ? h('ul', { class: 'offers' }, s.offers.map(o => h('li', { class: o.partnerId === s.acceptedPartnerId ? 'accepted' : '' },
      h('strong', {}, o.partnerId), ` ${money(o.price)}, ${o.leadTimeDays} days`,
      o.certifications.length ? ` · ${o.certifications.join(', ')}` : '',
      o.partnerId === s.acceptedPartnerId ? badge('Accepted', 'ok') : null))) : h('p', { class: 'muted' }, 'No offers yet'),
    fulfilment(s.fulfilment));
}

function fulfilment(status) {
  if (status === 'failed') return h('p', {}, badge('Fulfilment failed', 'fail'));
  const at = steps.indexOf(status);
  return h('ol', { class: 'steps', 'aria-label': `Fulfilment: ${label(status)}` },
    steps.map((step, i) => h('li', { class: i < at ? 'done' : i === at ? 'current' : '', 'aria-current': i === at ? 'step' : null }, label(step))));
}
