// kg explorer: search the graph, draw neighbourhoods with Cytoscape.js,
// show a node's facts with the sentences that state them and their
// articles. Everything goes through the GraphQL API at /graphql.
'use strict';

const colours = {
  Person: '#e66a6a', Organisation: '#4098d7', Event: '#f0b429', Post: '#9446ed',
  Project: '#3ebd93', Article: '#7b8794', Place: '#8e6e53',
};

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

const cy = cytoscape({
  container: $('#graph'),
  style: [
    { selector: 'node', style: {
      'label': 'data(name)', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 4,
      'text-wrap': 'ellipsis', 'text-max-width': 140, 'width': 22, 'height': 22,
      'background-color': (n) => colours[n.data('label')] || '#999',
      'font-family': 'system-ui, "Noto Sans CJK SC", sans-serif',
    } },
    { selector: 'node[label = "Event"]', style: { 'shape': 'diamond', 'width': 26, 'height': 26 } },
    { selector: 'node[label = "Article"]', style: { 'shape': 'round-rectangle' } },
    { selector: 'node.expanded', style: { 'border-width': 2, 'border-color': '#1f2933' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#0b69a3' } },
    { selector: 'edge', style: {
      'width': 1.5, 'line-color': '#9aa5b1', 'target-arrow-color': '#9aa5b1', 'target-arrow-shape': 'triangle',
      'curve-style': 'bezier', 'label': 'data(type)', 'font-size': 8, 'color': '#7b8794', 'text-rotation': 'autorotate',
    } },
    { selector: 'edge[type = "MENTIONS"]', style: { 'line-style': 'dotted', 'label': '' } },
    { selector: 'edge:selected', style: { 'width': 3, 'line-color': '#0b69a3' } },
  ],
});
window.cy = cy; // for tests and the curious

// expand adds a node's neighbourhood to the graph.
async function expand(id) {
  status('expanding…');
  const data = await gql(`query($id: ID!) {
    neighbourhood(id: $id, depth: 1, limit: 80) {
      nodes { id label name }
      edges { id type role source target supportCount
        evidence { sentence start end article { id title published } } }
    }
  }`, { id });
  const added = cy.collection();
  for (const n of data.neighbourhood.nodes) {
    if (cy.getElementById(n.id).empty()) added.merge(cy.add({ group: 'nodes', data: n }));
  }
  for (const e of data.neighbourhood.edges) {
    if (cy.getElementById(e.id).empty()) added.merge(cy.add({ group: 'edges', data: e }));
  }
  cy.getElementById(id).addClass('expanded');
  if (added.length) cy.layout({ name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 400000, idealEdgeLength: () => 120, nodeOverlap: 20, padding: 40 }).run();
  status(`${cy.nodes().length} nodes, ${cy.edges().length} relations`);
}

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
  node { __typename id name }
  evidence { sentence start end article { id title published } }`;

async function showNode(id) {
  const data = await gql(`query($id: ID!) {
    node(id: $id) {
      __typename id name scope
      links(first: 500) { ${factFields} }
      ... on Person { aliases identity { distinguishing } }
      ... on Organisation { aliases }
      ... on Post { postTitle: title }
      ... on Event { kind date endDate partOfDay }
      ... on Project { aliases }
      ... on Place { aliases }
      ... on Article { title published source }
    }
  }`, { id });
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
  if (n.__typename === 'Article') {
    panel.append(el('p', {}, el('a', { href: '#', onclick: (ev) => { ev.preventDefault(); showArticle(n.id); } }, 'Read the article')));
  }
  const facts = n.links.filter((l) => l.type !== 'MENTIONS');
  const mentions = n.links.filter((l) => l.type === 'MENTIONS');
  panel.append(el('h3', {}, `Facts (${facts.length})`));
  for (const l of facts) panel.append(fact(l));
  if (mentions.length) {
    panel.append(el('h3', {}, n.__typename === 'Article' ? `Mentions (${mentions.length})` : `Named in ${mentions.length} article${mentions.length > 1 ? 's' : ''}`));
    const list = el('p', {});
    mentions.forEach((l, i) => { if (i) list.append('、'); list.append(nodeLink(l.node)); });
    panel.append(list);
  }
}

function nodeLink(node) {
  return el('a', { class: 'node', href: '#', 'data-id': node.id, onclick: (ev) => { ev.preventDefault(); select(node.id); } }, node.name);
}

// fact renders one relation with its evidence and article links.
function fact(l) {
  const arrow = l.direction === 'OUTGOING' ? '→' : '←';
  const div = el('div', { class: 'fact' },
    el('div', {}, el('span', { class: 'rel' }, `${arrow} ${l.type}${l.role ? ' (' + l.role + ')' : ''}`), ' ', nodeLink(l.node),
      el('span', { class: 'hint' }, ` · ${l.supportCount} article${l.supportCount > 1 ? 's' : ''}`)));
  for (const e of l.evidence) {
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

async function search(text) {
  const results = $('#results');
  if (!text.trim()) { results.hidden = true; return; }
  try {
    const data = await gql(`query($t: String!) { search(text: $t, first: 12) { score node { __typename id name scope ... on Person { identity { distinguishing } } } } }`, { t: text });
    results.replaceChildren();
    for (const h of data.search) {
      results.append(el('li', { tabindex: 0, 'data-id': h.node.id,
        onclick: () => { results.hidden = true; select(h.node.id); },
        onkeydown: (ev) => { if (ev.key === 'Enter') { results.hidden = true; select(h.node.id); } } },
      el('span', { class: 'badge', style: `background:${colours[h.node.__typename]}` }, h.node.__typename),
      h.node.name, distinguishing(h.node), el('span', { class: 'score' }, h.score.toFixed(2))));
    }
    if (!data.search.length) results.append(el('li', {}, 'Nothing found.'));
    results.hidden = false;
  } catch (err) {
    status(err.message);
  }
}

$('#search-form').addEventListener('submit', (ev) => { ev.preventDefault(); search($('#search').value); });
document.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') $('#results').hidden = true; });
cy.on('tap', 'node', (ev) => select(ev.target.id()));
cy.on('tap', 'edge', (ev) => {
  const e = ev.target;
  const end = (id) => ({ id, name: cy.getElementById(id).data('name') });
  const panel = $('#panel');
  panel.replaceChildren();
  panel.append(el('h2', {}, el('span', { class: 'badge' }, 'Relation'), ' ', e.data('type')));
  panel.append(el('p', {}, nodeLink(end(e.data('source'))), ` —${e.data('type')}→ `, nodeLink(end(e.data('target')))));
  panel.append(fact({ ...e.data(), direction: 'OUTGOING', node: end(e.data('target')) }));
});

$('#clear').addEventListener('click', () => { cy.elements().remove(); status(''); });

// Offer the graph's busiest people and organisations to start from.
(async () => {
  try {
    const data = await gql(`{
      people(first: 200) { nodes { id name eventCount } }
      organisations(first: 200) { nodes { id name eventCount } }
    }`);
    const busiest = (nodes, n) => nodes.filter((x) => x.eventCount > 0)
      .sort((a, b) => b.eventCount - a.eventCount || a.name.localeCompare(b.name)).slice(0, n);
    const nodes = [...busiest(data.people.nodes, 4), ...busiest(data.organisations.nodes, 2)];
    const examples = $('#examples');
    if (!nodes.length) { examples.textContent = 'No events yet: ingest some pages first (kg ingest).'; return; }
    nodes.forEach((n, i) => { if (i) examples.append('、'); examples.append(nodeLink(n)); });
  } catch (err) {
    status(err.message);
  }
})();
