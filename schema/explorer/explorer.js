// kg explorer: search the graph, draw neighbourhoods with Cytoscape.js a
// relation type at a time, show a node's facts grouped by type with the
// sentences that state them and their articles, and filter everything by a
// date range brushed on the time bar. Everything goes through the GraphQL
// API at /graphql. bigview.js draws whole periods with WebGL.
'use strict';

const colours = {
  Person: '#e66a6a', Organisation: '#4098d7', Event: '#f0b429', Post: '#9446ed',
  Project: '#3ebd93', Article: '#7b8794', Place: '#8e6e53',
};
const shapes = {
  Person: 'ellipse', Organisation: 'hexagon', Event: 'diamond', Post: 'triangle',
  Project: 'rectangle', Article: 'round-rectangle', Place: 'star',
};
// How many nodes of each relation type an expansion draws; "more" draws
// the next as many.
const perType = 8;
// How many facts of each type the panel lists before "more".
const factsPerType = 10;

const $ = (sel) => document.querySelector(sel);

// el builds an element with text content (never HTML) and children.
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c == null) continue;
    e.append(typeof c === 'string' || typeof c === 'number' ? String(c) : c);
  }
  return e;
}

function status(msg) { $('#status').textContent = msg || ''; }

async function gql(query, variables) {
  const resp = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept': 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await resp.json();
  if (body.errors && body.errors.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

// The date range brushed on the time bar; empty bounds are open.
const range = { from: '', to: '' };
const rangeVars = () => ({ from: range.from || null, to: range.to || null });
const inRange = (date) => !date || ((!range.from || date >= range.from) && (!range.to || date <= range.to));

const cy = cytoscape({
  container: $('#graph'),
  style: [
    { selector: 'node', style: {
      'label': 'data(name)', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 4,
      'text-wrap': 'ellipsis', 'text-max-width': 140, 'width': 22, 'height': 22,
      'background-color': (n) => colours[n.data('label')] || '#999',
      'shape': (n) => shapes[n.data('label')] || 'ellipse',
      'font-family': 'system-ui, "Noto Sans CJK SC", sans-serif',
    } },
    { selector: 'node[label = "Event"]', style: { 'width': 26, 'height': 26 } },
    { selector: 'node.expanded', style: { 'border-width': 2, 'border-color': '#1f2933' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#0b69a3' } },
    { selector: '.out', style: { 'display': 'none' } },
    { selector: 'edge', style: {
      'width': 1.5, 'line-color': '#9aa5b1', 'target-arrow-color': '#9aa5b1', 'target-arrow-shape': 'triangle',
      'curve-style': 'bezier', 'label': 'data(type)', 'font-size': 8, 'color': '#7b8794', 'text-rotation': 'autorotate',
    } },
    { selector: 'edge[type = "MENTIONS"]', style: { 'line-style': 'dotted', 'label': '' } },
    { selector: 'edge:selected', style: { 'width': 3, 'line-color': '#0b69a3' } },
  ],
});

// What the graph shows of each expanded node's groups, for "more":
// expansions[id][type + direction] = { count, shown, last }.
const expansions = {};

// addLinks draws the links of node at (as the expand field gives them) and
// returns what was added.
function addLinks(at, links) {
  const added = cy.collection();
  for (const l of links) {
    const n = l.node;
    if (cy.getElementById(n.id).empty()) {
      const node = cy.add({ group: 'nodes', data: { id: n.id, name: n.name, label: n.__typename, date: n.date || '' } });
      if (!inRange(n.date)) node.addClass('out');
      added.merge(node);
    }
    const [source, target] = l.direction === 'OUTGOING' ? [at, n.id] : [n.id, at];
    const id = [l.type, source, target, l.role || ''].join('|');
    if (cy.getElementById(id).empty()) {
      added.merge(cy.add({ group: 'edges', data: { id, type: l.type, role: l.role, source, target, supportCount: l.supportCount } }));
    }
  }
  return added;
}

function layout(added) {
  if (!added.length) return;
  cy.layout({ name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 400000, idealEdgeLength: () => 120, nodeOverlap: 20, padding: 40 }).run();
}

function graphStatus() {
  const shown = cy.nodes().not('.out');
  const edges = cy.edges().filter((e) => !e.source().hasClass('out') && !e.target().hasClass('out'));
  status(`${shown.length} nodes, ${edges.length} relations`);
}

const linkFields = `type role direction supportCount node { __typename id name ... on Event { date partOfDay } }`;

// expand draws a node's relations, the best supported perType of each type
// (MENTIONS left out), within the brushed range.
async function expand(id) {
  status('expanding…');
  // The first screen's drawing gives way to the first node opened.
  if (cy.nodes('.expanded').empty()) cy.elements('.home').not(cy.getElementById(id)).remove();
  const data = await gql(`query($id: ID!, $from: Date, $to: Date, $n: Int) {
    expand(id: $id, from: $from, to: $to) { type direction count links(first: $n) { ${linkFields} } }
  }`, { id, n: perType, ...rangeVars() });
  const groups = expansions[id] = {};
  let added = cy.collection();
  for (const g of data.expand) {
    added = added.union(addLinks(id, g.links));
    groups[g.type + g.direction] = { count: g.count, shown: g.links.length, last: g.links.length ? g.links[g.links.length - 1].node.id : null };
  }
  cy.getElementById(id).addClass('expanded');
  layout(added);
  graphStatus();
}

// expandMore draws the next perType nodes of one of a node's groups.
async function expandMore(id, type, direction) {
  const g = expansions[id] && expansions[id][type + direction];
  const data = await gql(`query($id: ID!, $types: [RelationType!], $from: Date, $to: Date, $n: Int, $after: ID) {
    expand(id: $id, types: $types, from: $from, to: $to, exclude: []) { type direction count links(first: $n, after: $after) { ${linkFields} } }
  }`, { id, types: [type], n: perType, after: g ? g.last : null, ...rangeVars() });
  const got = data.expand.find((x) => x.direction === direction);
  if (!got) return;
  layout(addLinks(id, got.links));
  if (expansions[id]) {
    expansions[id][type + direction] = { count: got.count, shown: (g ? g.shown : 0) + got.links.length,
      last: got.links.length ? got.links[got.links.length - 1].node.id : (g && g.last) };
  }
  graphStatus();
}

// current is what the panel shows: null for the first screen, else a node.
let current = null;

// select expands a node and shows its facts.
async function select(id) {
  try {
    if (cy.getElementById(id).empty() || !cy.getElementById(id).hasClass('expanded')) await expand(id);
    cy.$(':selected').unselect();
    cy.getElementById(id).select();
    await showNode(id);
  } catch (err) {
    status(err.message);
  }
}

const factFields = `
  type role direction supportCount
  node { __typename id name ... on Event { date partOfDay } }
  evidence(first: 2) { sentence start end article { id title published } }`;

const typeNames = {
  HOLDS: 'Posts held', OF: 'Posts', CHAIRED: 'Chaired', ATTENDED: 'Attended', PARTICIPATED: 'Took part in',
  REPORTED_AT: 'Reported at', DISCUSSED: 'Discussed', AUTHORED: 'Reported (记者)', REPORTS: 'Reports', MENTIONS: 'Mentions',
};
const incomingNames = {
  HOLDS: 'Holders', OF: 'Of', CHAIRED: 'Chairs', ATTENDED: 'Attendees', PARTICIPATED: 'Organisations taking part',
  REPORTED_AT: 'Organisations reporting', DISCUSSED: 'Discussed at', AUTHORED: 'Reporters', REPORTS: 'Reported by', MENTIONS: 'Named in',
};

async function showNode(id) {
  current = id;
  const data = await gql(`query($id: ID!, $from: Date, $to: Date, $n: Int) {
    node(id: $id) {
      __typename id name scope
      ... on Person { aliases identity { distinguishing } }
      ... on Organisation { aliases }
      ... on Post { postTitle: title }
      ... on Event { kind date endDate partOfDay }
      ... on Project { aliases }
      ... on Place { aliases }
      ... on Article { title published source }
    }
    expand(id: $id, from: $from, to: $to, exclude: []) { type direction count links(first: $n) { ${factFields} } }
  }`, { id, n: factsPerType, ...rangeVars() });
  if (current !== id) return;
  const n = data.node;
  const panel = $('#panel');
  panel.replaceChildren();
  panel.append(el('h2', {}, el('span', { class: 'badge', style: `background:${colours[n.__typename]}` }, n.__typename), ' ', n.name, distinguishing(n)));
  const props = el('dl', { class: 'props' });
  const prop = (k, v) => { if (v && (!Array.isArray(v) || v.length)) props.append(el('dt', {}, k), el('dd', {}, Array.isArray(v) ? v.join('、') : v)); };
  prop('ID', n.id);
  prop(n.__typename === 'Article' ? 'Locale' : 'Scope', n.scope);
  if (n.identity) prop('Told apart by', n.identity.distinguishing);
  prop('Aliases', n.aliases);
  prop('Title', n.postTitle || n.title);
  prop('Kind', n.kind);
  prop('Date', [n.date, n.endDate].filter(Boolean).join(' – ') + (n.partOfDay ? ' ' + n.partOfDay : ''));
  prop('Published', n.published);
  prop('Source', n.source);
  panel.append(props);
  if (range.from || range.to) panel.append(el('p', { class: 'hint' }, `Events from ${range.from || 'the first'} to ${range.to || 'the last'} only.`));
  if (n.__typename === 'Article') {
    panel.append(el('p', {}, el('a', { href: '#', onclick: (ev) => { ev.preventDefault(); showArticle(n.id); } }, 'Read the article')));
  }
  if (!data.expand.length) panel.append(el('p', { class: 'hint' }, 'No facts.'));
  for (const g of data.expand) panel.append(factGroup(id, g));
}

// factGroup renders one relation type's facts with a "more" button that
// lists, and draws, the next ones.
function factGroup(id, g) {
  const title = (g.direction === 'OUTGOING' ? typeNames : incomingNames)[g.type] || g.type;
  const div = el('div', { class: 'group', 'data-type': g.type, 'data-direction': g.direction });
  div.append(el('h3', {}, title, el('span', { class: 'count' }, `${g.type} · ${g.count}`)));
  const list = el(g.type === 'MENTIONS' ? 'p' : 'div', { class: 'facts' });
  div.append(list);
  let shown = 0;
  let last = null;
  const put = (links) => {
    for (const l of links) {
      if (g.type === 'MENTIONS') {
        if (list.childNodes.length) list.append('、');
        list.append(nodeLink(l.node));
      } else {
        list.append(fact(l));
      }
    }
    shown += links.length;
    if (links.length) last = links[links.length - 1].node.id;
  };
  put(g.links);
  if (shown < g.count) {
    const more = el('button', { type: 'button', class: 'more', onclick: async () => {
      try {
        const data = await gql(`query($id: ID!, $types: [RelationType!], $from: Date, $to: Date, $n: Int, $after: ID) {
          expand(id: $id, types: $types, from: $from, to: $to, exclude: []) { direction count links(first: $n, after: $after) { ${factFields} } }
        }`, { id, types: [g.type], n: factsPerType, after: last, ...rangeVars() });
        const got = data.expand.find((x) => x.direction === g.direction);
        if (got) {
          put(got.links);
          if (g.type !== 'MENTIONS') {
            layout(addLinks(id, got.links));
            graphStatus();
          }
        }
        if (!got || shown >= g.count || !got.links.length) more.remove();
        else more.textContent = `More (${g.count - shown})`;
      } catch (err) {
        status(err.message);
      }
    } }, `More (${g.count - shown})`);
    div.append(more);
  }
  return div;
}

function nodeLink(node) {
  return el('a', { class: 'node', href: '#', 'data-id': node.id, onclick: (ev) => { ev.preventDefault(); select(node.id); } }, node.name);
}

// fact renders one relation with its evidence and article links.
function fact(l) {
  const arrow = l.direction === 'OUTGOING' ? '→' : '←';
  const when = l.node.date ? ` ${l.node.date}${l.node.partOfDay ? ' ' + l.node.partOfDay : ''}` : '';
  const div = el('div', { class: 'fact' },
    el('div', {}, el('span', { class: 'rel' }, `${arrow} ${l.type}${l.role ? ' (' + l.role + ')' : ''}`), ' ', nodeLink(l.node),
      el('span', { class: 'hint' }, `${when} · ${l.supportCount} article${l.supportCount > 1 ? 's' : ''}`)));
  for (const e of l.evidence || []) {
    div.append(el('blockquote', {}, '“', e.sentence, '”'));
    div.append(el('div', { class: 'article' }, '— ',
      el('a', { href: '#', class: 'article-link', 'data-article': e.article.id,
        onclick: (ev) => { ev.preventDefault(); showArticle(e.article.id, e.start, e.end); } },
      e.article.title), e.article.published ? ` (${e.article.published})` : ''));
  }
  return div;
}

// showArticle shows an article's text with the sentence from start to end
// (code points) marked.
async function showArticle(id, start, end) {
  try {
    const data = await gql(`query($id: ID!) { article(id: $id) { id title published source text reporters { name } } }`, { id });
    const a = data.article;
    current = 'article:' + id;
    const panel = $('#panel');
    panel.replaceChildren();
    panel.append(el('h2', {}, el('span', { class: 'badge', style: `background:${colours.Article}` }, 'Article'), ' ', a.title));
    panel.append(el('p', { class: 'hint' }, [a.published, a.source, a.reporters.map((r) => '记者' + r.name).join('、')].filter(Boolean).join(' · ')));
    panel.append(el('p', {}, el('a', { href: '#', onclick: (ev) => { ev.preventDefault(); select(a.id); } }, 'Show the article in the graph')));
    const text = Array.from(a.text);
    const body = el('div', { class: 'article-text' });
    if (start != null && end != null && end > start) {
      const mark = el('mark', {}, text.slice(start, end).join(''));
      body.append(text.slice(0, start).join(''), mark, text.slice(end).join(''));
      panel.append(body);
      mark.scrollIntoView({ block: 'center' });
    } else {
      body.append(a.text);
      panel.append(body);
    }
  } catch (err) {
    status(err.message);
  }
}

// distinguishing is what tells a node apart from others of its name, shown
// beside it: a person's distinguishing post or locale, another node's scope
// (the locale of a generic 县委 or 县委书记); nothing for a national name.
function distinguishing(n) {
  const d = n.identity ? n.identity.distinguishing : (n.__typename !== 'Article' && n.scope);
  return d && d !== 'national' && d !== n.name ? el('span', { class: 'scope' }, ` · ${d}`) : '';
}

// search lists the best hits; with open, it opens the best one.
async function search(text, open) {
  const results = $('#results');
  if (!text.trim()) { results.hidden = true; return; }
  try {
    const data = await gql(`query($t: String!) { bestHits(text: $t, first: 12) { score node { __typename id name scope ... on Person { identity { distinguishing } } } } }`, { t: text });
    if (open && data.bestHits.length) {
      results.hidden = true;
      await select(data.bestHits[0].node.id);
      return;
    }
    results.replaceChildren();
    for (const h of data.bestHits) {
      results.append(el('li', { tabindex: 0, 'data-id': h.node.id,
        onclick: () => { results.hidden = true; select(h.node.id); },
        onkeydown: (ev) => { if (ev.key === 'Enter') { results.hidden = true; select(h.node.id); } } },
      el('span', { class: 'badge', style: `background:${colours[h.node.__typename]}` }, h.node.__typename),
      h.node.name, distinguishing(h.node), el('span', { class: 'score' }, h.score.toFixed(2))));
    }
    if (!data.bestHits.length) results.append(el('li', {}, 'Nothing found.'));
    results.hidden = false;
  } catch (err) {
    status(err.message);
  }
}

let typing = null;
$('#search').addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(() => search($('#search').value, false), 250);
});
$('#search-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  clearTimeout(typing);
  search($('#search').value, true);
});
document.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') $('#results').hidden = true; });
cy.on('tap', 'node', (ev) => select(ev.target.id()));
cy.on('tap', 'edge', async (ev) => {
  const e = ev.target;
  const end = (id) => ({ id, name: cy.getElementById(id).data('name') });
  current = 'edge:' + e.id();
  const panel = $('#panel');
  panel.replaceChildren();
  panel.append(el('h2', {}, el('span', { class: 'badge' }, 'Relation'), ' ', e.data('type')));
  panel.append(el('p', {}, nodeLink(end(e.data('source'))), ` —${e.data('type')}→ `, nodeLink(end(e.data('target')))));
  try {
    const data = await gql(`query($id: ID!, $types: [RelationType!]) { node(id: $id) { links(types: $types, direction: OUTGOING, first: 500) { ${factFields} } } }`,
      { id: e.data('source'), types: [e.data('type')] });
    const l = data.node.links.find((x) => x.node.id === e.data('target') && (x.role || null) === (e.data('role') || null));
    if (l) panel.append(fact(l));
  } catch (err) {
    status(err.message);
  }
});

$('#clear').addEventListener('click', () => { cy.elements().remove(); for (const k of Object.keys(expansions)) delete expansions[k]; status(''); });

// The legend: each kind of node's colour and shape.
(function legend() {
  const ns = 'http://www.w3.org/2000/svg';
  const box = $('#legend');
  const draw = {
    ellipse: '<circle cx="7" cy="7" r="6"/>', hexagon: '<polygon points="3.5,1 10.5,1 14,7 10.5,13 3.5,13 0,7"/>',
    diamond: '<polygon points="7,0 14,7 7,14 0,7"/>', triangle: '<polygon points="7,1 13,13 1,13"/>',
    rectangle: '<rect x="1" y="1" width="12" height="12"/>', 'round-rectangle': '<rect x="1" y="2" width="12" height="10" rx="3"/>',
    star: '<polygon points="7,0 9,5 14,5 10,8.5 11.5,14 7,10.5 2.5,14 4,8.5 0,5 5,5"/>',
  };
  for (const label of Object.keys(colours)) {
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 14 14');
    // The shapes are fixed strings of this file, never data.
    const g = new DOMParser().parseFromString(`<svg xmlns="${ns}">${draw[shapes[label]]}</svg>`, 'image/svg+xml').documentElement.firstElementChild;
    g.setAttribute('fill', colours[label]);
    svg.append(document.importNode(g, true));
    box.append(svg, el('span', { 'data-label': label }, label));
  }
})();

// home shows the first screen: the busiest people and organisations, the
// latest events (drawn with their people), who meets whom, in the range.
async function home() {
  current = null;
  try {
    const data = await gql(`query($from: Date, $to: Date) {
      people: busiest(type: PERSON, first: 8, from: $from, to: $to) { count node { id name } }
      orgs: busiest(type: ORGANISATION, first: 4, from: $from, to: $to) { count node { id name } }
      latestEvents(first: 8, from: $from, to: $to) { id name date partOfDay participants(first: 12) { role person { id name } } }
      coOccurrences(first: 5, from: $from, to: $to) { a { id name } b { id name } count }
    }`, rangeVars());
    if (current !== null) return;
    const panel = $('#panel');
    panel.replaceChildren();
    panel.append(el('p', { class: 'hint' }, 'Search for a name and press Enter to open the best hit, or start from the busiest people and the latest events. Clicking a node draws its relations a type at a time (the best supported first) and lists its facts with the sentences that state them; drag on the time bar to keep a period.'));
    const examples = el('p', { class: 'hint', id: 'examples' }, 'Try: ');
    if (!data.people.length && !data.latestEvents.length) {
      examples.textContent = 'No events yet: ingest some pages first (kg ingest).';
      panel.append(examples);
      return;
    }
    data.people.slice(0, 4).forEach((r, i) => { if (i) examples.append('、'); examples.append(nodeLink(r.node)); });
    panel.append(examples);
    const ranked = (title, id, rows) => {
      panel.append(el('h3', {}, title));
      const ol = el('ol', { class: 'ranked', id });
      for (const r of rows) ol.append(el('li', {}, ...r));
      panel.append(ol);
    };
    ranked('Busiest people', 'busiest-people', data.people.map((r) => [nodeLink(r.node), el('span', { class: 'hint' }, ` · ${r.count} events`)]));
    ranked('Busiest organisations', 'busiest-orgs', data.orgs.map((r) => [nodeLink(r.node), el('span', { class: 'hint' }, ` · ${r.count} events`)]));
    ranked('Latest events', 'latest-events', data.latestEvents.map((e) => [el('span', { class: 'hint' }, `${e.date}${e.partOfDay ? ' ' + e.partOfDay : ''} `), nodeLink(e)]));
    ranked('Who meets whom', 'co-occurrences', data.coOccurrences.map((c) => [nodeLink(c.a), ' + ', nodeLink(c.b), el('span', { class: 'hint' }, ` · ${c.count} events together`)]));
    // Draw them, when the graph is empty or shows only the first screen.
    if (cy.nodes('.expanded').empty()) {
      cy.elements().remove();
      const links = [];
      for (const e of data.latestEvents) {
        cy.add({ group: 'nodes', data: { id: e.id, name: e.name, label: 'Event', date: e.date || '' } });
        links.push(...e.participants.map((p) => ({ at: e.id, l: { type: p.role === 'CHAIR' ? 'CHAIRED' : 'ATTENDED', direction: 'INCOMING', node: { __typename: 'Person', ...p.person } } })));
      }
      for (const r of data.people) {
        if (cy.getElementById(r.node.id).empty()) cy.add({ group: 'nodes', data: { id: r.node.id, name: r.node.name, label: 'Person', date: '' } });
      }
      for (const { at, l } of links) addLinks(at, [l]);
      cy.elements().addClass('home');
      cy.layout({ name: 'cose', animate: false, nodeRepulsion: () => 400000, idealEdgeLength: () => 100, padding: 40 }).run();
      graphStatus();
    }
  } catch (err) {
    status(err.message);
  }
}

// refresh shows again what the panel shows, in the current range.
function refresh() {
  if (current === null) home();
  else if (!current.includes(':')) showNode(current);
}

// The time bar: events over time; dragging keeps a date range.
const timebar = (() => {
  const svg = $('#timebar-svg');
  const ns = 'http://www.w3.org/2000/svg';
  let bins = [];
  let brush = null;
  let drag = null;
  const width = () => svg.clientWidth || 600;
  const pad = 8;
  const binAt = (x) => {
    const w = (width() - 2 * pad) / Math.max(bins.length, 1);
    return Math.max(0, Math.min(bins.length - 1, Math.floor((x - pad) / w)));
  };
  function draw() {
    svg.replaceChildren();
    if (!bins.length) return;
    const h = 56;
    const max = Math.max(...bins.map((b) => b.count), 1);
    const w = (width() - 2 * pad) / bins.length;
    let month = '';
    bins.forEach((b, i) => {
      const bh = Math.max(b.count ? 2 : 0, (b.count / max) * (h - 4));
      const r = document.createElementNS(ns, 'rect');
      r.setAttribute('x', pad + i * w + 0.5);
      r.setAttribute('y', h - bh);
      r.setAttribute('width', Math.max(1, w - 1));
      r.setAttribute('height', bh);
      r.setAttribute('class', 'bar' + ((range.from && b.to < range.from) || (range.to && b.from > range.to) ? ' out' : ''));
      r.setAttribute('data-from', b.from);
      r.setAttribute('data-count', b.count);
      const t = document.createElementNS(ns, 'title');
      t.textContent = `${b.from}${b.to !== b.from ? ' – ' + b.to : ''}: ${b.count} events`;
      r.append(t);
      svg.append(r);
      if (b.from.slice(0, 7) !== month) {
        month = b.from.slice(0, 7);
        const tx = document.createElementNS(ns, 'text');
        tx.setAttribute('x', pad + i * w);
        tx.setAttribute('y', h + 12);
        tx.setAttribute('class', 'tick');
        tx.textContent = month;
        svg.append(tx);
      }
    });
    if (brush) {
      const [a, b] = brush[0] <= brush[1] ? brush : [brush[1], brush[0]];
      const r = document.createElementNS(ns, 'rect');
      r.setAttribute('class', 'brush');
      r.setAttribute('x', pad + a * w);
      r.setAttribute('y', 0);
      r.setAttribute('width', (b - a + 1) * w);
      r.setAttribute('height', h);
      svg.append(r);
    }
  }
  svg.addEventListener('pointerdown', (ev) => {
    if (!bins.length) return;
    svg.setPointerCapture(ev.pointerId);
    drag = binAt(ev.offsetX);
    brush = [drag, drag];
    draw();
  });
  svg.addEventListener('pointermove', (ev) => {
    if (drag == null) return;
    brush = [drag, binAt(ev.offsetX)];
    draw();
  });
  svg.addEventListener('pointerup', (ev) => {
    if (drag == null) return;
    const [a, b] = [drag, binAt(ev.offsetX)].sort((x, y) => x - y);
    drag = null;
    setRange(bins[a].from, bins[b].to);
  });
  window.addEventListener('resize', draw);
  async function load() {
    try {
      const data = await gql(`{ eventHistogram(first: 120) { from to count } }`);
      bins = data.eventHistogram;
      draw();
    } catch (err) {
      status(err.message);
    }
  }
  return {
    load, draw,
    select(from, to) {
      if (!from && !to) { brush = null; draw(); return; }
      const a = bins.findIndex((b) => b.to >= from);
      let b = bins.length - 1;
      while (b > 0 && bins[b].from > to) b--;
      brush = a < 0 ? null : [a, b];
      draw();
    },
  };
})();

// setRange keeps the events of [from, to] (YYYY-MM-DD, empty for open) in
// the graph, the panel and the lists.
function setRange(from, to) {
  range.from = from || '';
  range.to = to || '';
  timebar.select(range.from, range.to);
  const label = range.from || range.to ? `${range.from || '…'} – ${range.to || '…'}` : 'All dates';
  $('#range-label').textContent = label;
  $('#range-clear').hidden = !(range.from || range.to);
  cy.batch(() => {
    cy.nodes().forEach((n) => { n.toggleClass('out', !inRange(n.data('date'))); });
    // A node drawn only for events out of the range goes with them.
    cy.nodes().forEach((n) => {
      if (n.data('date') || n.hasClass('expanded')) return;
      const others = n.neighborhood('node');
      n.toggleClass('out', others.nonempty() && others.every((o) => !inRange(o.data('date'))));
    });
  });
  graphStatus();
  // The node open draws its best supported relations of the range.
  if (current && !current.includes(':') && expansions[current]) expand(current).catch((err) => status(err.message));
  refresh();
}
$('#range-clear').addEventListener('click', () => setRange('', ''));

// For tests and the curious.
window.cy = cy;
window.kg = { cy, range, setRange, select, home, expandMore, expansions, gql, colours };

timebar.load();
home();
