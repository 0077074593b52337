import { get } from './api.js';
import { card, empty, h, replace } from './dom.js';
import { staffAccessCard } from './customer.js';
import { bytes, label, number, plural, when } from './format.js';

const pollMs = 5000;

export function render(main, _, context) {
  const silos = h('div');
  const types = h('div');
  const changes = h('div');
  const summary = h('p', { class: 'card-meta', role: 'status' }, 'Reading the cluster…');
  main.append(h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, 'Operations'),
    h('p', {}, summary, ' ', h('a', { href: '/dashboard/', target: '_blank', rel: 'noopener' }, 'Open the Orleans dashboard'),
      h('small', {}, ' (it signs you in with your organisation, or asks for the operator key as a password)'))),
  h('div', { class: 'column' }, card('Silos', silos), card('Activations by grain type', types), changes));

  // Read once: people change things at a human pace, and the log is up to 10,000 lines.
  get('/api/v1/operations/staff-actions')
    .then(actions => replace(changes, staffAccessCard(actions, 'Staff changes (audit)', 'No signed-in member of staff has changed anything outside customers\' records.')))
    .catch(context.failed);

  let previous = null;
  let gone = false;
  const load = async () => {
    try {
      const cluster = await get('/api/v1/operations/cluster');
      if (gone) return;
      const seconds = previous ? (new Date(cluster.at) - new Date(previous.at)) / 1000 : 0;
      const perSecond = seconds > 0 ? ` (${number(Math.max(0, cluster.interactionsRecorded - previous.interactionsRecorded) / seconds, 1)}/s)` : '';
      summary.textContent = `${plural(cluster.silos.length, 'silo')}, ${plural(cluster.activations, 'activation')}, `
        + `${plural(cluster.interactionsRecorded, 'interaction')} recorded${perSecond}; read ${when(cluster.at)}.`;
      replace(silos, siloTable(cluster, previous));
      replace(types, typeTable(cluster.grainTypes));
      previous = cluster;
    } catch (e) {
      context.failed(e);
    }
  };
  load();
  const timer = setInterval(() => { if (!document.hidden) load(); }, pollMs);
  return () => { gone = true; clearInterval(timer); };
}

// Message counts are totals since each silo started; a rate needs the snapshot before.
function rate(silo, previous, field, seconds) {
  const before = previous?.silos.find(s => s.address === silo.address);
  if (!before || seconds <= 0) return '…';
  return `${number(Math.max(0, silo[field] - before[field]) / seconds, 1)}/s`;
}

function siloTable(cluster, previous) {
  if (!cluster.silos.length) return empty('No active silo.');
  const seconds = previous ? (new Date(cluster.at) - new Date(previous.at)) / 1000 : 0;
  return h('table', {},
    h('caption', { class: 'visually-hidden' }, 'Active silos and their load'),
    h('thead', {}, h('tr', {}, ['Silo', 'Status', 'Since', 'Activations', 'Recently used', 'Clients', 'CPU', 'Memory', 'Messages in', 'Messages out']
      .map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, cluster.silos.map(s => h('tr', {},
      h('th', { scope: 'row' }, s.name, h('div', { class: 'mono sub' }, s.address)),
      h('td', {}, label(s.status)), h('td', {}, when(s.startedAt)),
      h('td', {}, String(s.activations)), h('td', {}, String(s.recentlyUsedActivations)), h('td', {}, String(s.clients)),
      h('td', {}, s.cpuPercent === null ? 'n/a' : `${number(s.cpuPercent, 0)} %`), h('td', {}, bytes(s.memoryBytes)),
      h('td', {}, rate(s, previous, 'receivedMessages', seconds)), h('td', {}, rate(s, previous, 'sentMessages', seconds))))));
}

function typeTable(grainTypes) {
  if (!grainTypes.length) return empty('No activations.');
  const top = Math.max(...grainTypes.map(g => g.activations));
  return h('table', { class: 'types' },
    h('caption', { class: 'visually-hidden' }, 'Activations by grain type'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Grain type'), h('th', { scope: 'col' }, 'Activations'))),
    h('tbody', {}, grainTypes.map(g => {
      const bar = h('span', { class: 'bar' });
      bar.style.width = `${Math.round((g.activations / top) * 100)}%`;
      return h('tr', {}, h('th', { scope: 'row', class: 'mono' }, g.grainType),
        h('td', { class: 'score' }, h('span', { class: 'score-value' }, String(g.activations)), h('span', { class: 'meter', 'aria-hidden': 'true' }, bar)));
    })));
}
