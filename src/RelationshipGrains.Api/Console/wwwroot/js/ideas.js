import { ApiError, get, segment } from './api.js';
import { badge, card, empty, h, openForm, replace } from './dom.js';
import { label, number, plural, when } from './format.js';
import { follow, liveIndicator } from './live.js';

const columns = ['proposed', 'shortlisted', 'selected', 'in-design', 'delivered'];
// Votes change fitness without an event on the community feed, so the ranking is also read again on this period.
const pollMs = 3000;

export function render(main, [slug], context) {
  main.append(openForm('Community', 'community', 'Open', slug, '#/ideas/', 'e.g. chair-makers'));
  if (!slug) {
    main.append(card('Idea ecology', empty('Open a community by its slug to see its ideas compete.')));
    return null;
  }

  const base = `/api/v1/communities/${segment(slug)}`;
  const header = h('div');
  const ranking = h('div');
  const board = h('div', { class: 'board', role: 'list', 'aria-label': 'Ideas by status' });
  const round = h('div');
  const activity = h('ol', { class: 'activity', 'aria-label': 'Community activity, newest first' });
  const liveState = liveIndicator();
  main.append(header,
    h('div', { class: 'grid wide-left' },
      h('div', { class: 'column' }, card('Ranking by fitness', ranking), card('By status', board)),
      h('div', { class: 'column' }, card('Last selection round', round), card('Activity', h('p', { class: 'card-meta' }, liveState.element), activity))));

  let gone = false;
  let pending = null;
  const load = async () => {
    try {
      const [community, ideas, last] = await Promise.all([get(base), get(`${base}/ideas?include=closed`), get(`${base}/rounds/last`)]);
      if (gone) return;
      replace(header, communityHeader(community));
      const titles = new Map(ideas.map(r => [r.idea.ideaId, r.idea.title]));
      replace(ranking, rankingTable(ideas.filter(r => ['proposed', 'shortlisted'].includes(r.idea.status)), titles));
      replace(board, columns.map(status => statusColumn(status, ideas.filter(r => r.idea.status === status), titles)),
        closedColumn(ideas.filter(r => !columns.includes(r.idea.status)), titles));
      replace(round, roundReport(last, titles));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        replace(header, card('Not found', empty(`There is no community '${slug}'.`)));
        gone = true;
        return;
      }
      context.failed(e);
    }
  };
  const soon = () => { clearTimeout(pending); pending = setTimeout(load, 250); };

  load();
  const timer = setInterval(() => { if (!document.hidden) load(); }, pollMs);
  const stop = follow(`${base}/live`, 0, event => {
    activity.prepend(h('li', {}, h('span', {}, event.text), h('small', {}, ` ${when(event.at)}`)));
    while (activity.children.length > 30) activity.lastChild.remove();
    soon();
  }, liveState.update);
  return () => { gone = true; clearInterval(timer); clearTimeout(pending); stop(); };
}

function communityHeader(c) {
  return h('div', { class: 'page-head' },
    h('h1', { class: 'page-title' }, c.name, ' ', h('span', { class: 'mono muted' }, c.slug)),
    h('p', { class: 'tags' }, c.topics.map(t => badge(t)),
      ` ${plural(c.members, 'member')} · ${plural(c.ideas, 'idea')} · ${plural(c.rounds, 'round')}`));
}

function rankingTable(ranked, titles) {
  if (!ranked.length) return empty('No open ideas.');
  const sorted = [...ranked].sort((a, b) => b.fitness.score - a.fitness.score);
  const top = Math.max(...sorted.map(r => r.fitness.score), 1e-9);
  return h('table', { class: 'ranking' },
    h('caption', { class: 'visually-hidden' }, 'Open ideas ranked by fitness, with the parts of each score'),
    h('thead', {}, h('tr', {}, ['#', 'Idea', 'Fitness', 'Support', 'Net votes', 'Engagement', 'Evidence', 'Decay', 'Rules']
      .map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, sorted.map((r, i) => {
      const bar = h('span', { class: 'bar' });
      bar.style.width = `${Math.round((r.fitness.score / top) * 100)}%`;
      return h('tr', { 'data-idea-id': r.idea.ideaId },
        h('td', {}, String(i + 1)),
        h('th', { scope: 'row' }, h('span', { class: 'idea-title' }, r.idea.title), ' ', badge(label(r.idea.status), 'status'), lineage(r.idea, titles)),
        h('td', { class: 'score' }, h('span', { class: 'score-value' }, number(r.fitness.score, 3)), h('span', { class: 'meter', 'aria-hidden': 'true' }, bar)),
        h('td', {}, `${number(r.fitness.weightedSupport)} (${r.fitness.supporters}, ${r.fitness.expertSupporters} expert)`),
        h('td', {}, String(r.fitness.netVotes)),
        h('td', {}, number(r.fitness.engagement)),
        h('td', {}, number(r.fitness.evidence)),
        h('td', {}, number(r.fitness.decay)),
        h('td', {}, ruleBadges(r)));
    })));
}

function ruleBadges(r) {
  if (!r.rules.length) return h('span', { class: 'muted' }, 'no rules');
  return r.rules.map(rule => h('span', { class: `badge ${rule.passed ? 'ok' : 'fail'}`, title: rule.reason },
    `${rule.passed ? '✓' : '✗'} ${rule.rule}`, h('span', { class: 'visually-hidden' }, `: ${rule.passed ? 'passes' : 'fails'}, ${rule.reason}`)));
}

function lineage(idea, titles) {
  const name = id => titles.get(id) ?? id;
  const parts = [];
  if (idea.lineage.length) parts.push(`forked from ${name(idea.lineage.at(-1))}`);
  if (idea.forks.length) parts.push(`forks: ${idea.forks.map(name).join(', ')}`);
  if (idea.mergedFrom.length) parts.push(`merged from ${idea.mergedFrom.map(name).join(', ')}`);
  if (idea.mergedInto) parts.push(`merged into ${name(idea.mergedInto)}`);
  return parts.length ? h('div', { class: 'lineage' }, parts.join(' · ')) : null;
}

function ideaCard(r, titles) {
  return h('li', { class: 'idea', 'data-idea-id': r.idea.ideaId },
    h('strong', {}, r.idea.title),
    h('div', { class: 'idea-meta' }, `fitness ${number(r.fitness.score, 3)} · ${r.idea.tally.supporters} for, ${r.idea.tally.opposers} against`),
    h('div', { class: 'rules' }, ruleBadges(r)),
    lineage(r.idea, titles));
}

function statusColumn(status, ideas, titles) {
  return h('section', { class: 'lane', role: 'listitem', 'aria-label': `${label(status)}: ${ideas.length}` },
    h('h3', {}, label(status), ' ', h('span', { class: 'count' }, String(ideas.length))),
    ideas.length ? h('ul', {}, ideas.map(r => ideaCard(r, titles))) : empty('None'));
}

function closedColumn(ideas, titles) {
  if (!ideas.length) return null;
  return h('details', { class: 'closed' }, h('summary', {}, `Culled and merged (${ideas.length})`),
    h('ul', {}, ideas.map(r => ideaCard(r, titles))));
}

function roundReport(report, titles) {
  if (!report) return empty('No round has run yet.');
  return [h('p', {}, `Round ${report.round}, ${when(report.at)}`),
    report.decisions.length
      ? h('ul', { class: 'rows' }, report.decisions.map(d => h('li', {},
        h('strong', {}, titles.get(d.ideaId) ?? d.ideaId), ' ', badge(label(d.from), 'muted'), ' → ', badge(label(d.to), 'status'),
        h('div', { class: 'sub' }, d.reason))))
      : empty('It changed nothing.')];
}
