// kg explorer, big graph: a period's whole graph (the eventSubgraph field:
// events filtered by date range and organisation, with the people,
// organisations … of the chosen types) drawn with WebGL by sigma.js, laid
// out by ForceAtlas2 in a web worker so that the page stays responsive.
// sigma.min.js (sigma, graphology, ForceAtlas2; see update.sh) is loaded on
// first use only.
'use strict';

(() => {
  const $ = (sel) => document.querySelector(sel);
  const big = $('#big');
  const form = $('#big-form');
  let lib = null;
  let renderer = null;
  let layout = null;
  let layoutTimer = null;

  const say = (msg) => { $('#big-status').textContent = msg || ''; };
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));

  function loadLib() {
    if (lib) return lib;
    lib = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = '/explorer/sigma.min.js';
      s.onload = () => resolve(window.kgSigma);
      s.onerror = () => reject(new Error('could not load sigma.min.js'));
      document.head.append(s);
    });
    return lib;
  }

  // place gives every node a first position, so that the first frame
  // already shows a readable picture: events on a spiral by date (the
  // year runs round the circle), every other node at the mean of its
  // neighbours' places with a little jitter. ForceAtlas2 refines it.
  function place(graph, nodes) {
    const dated = nodes.filter((n) => n.label === 'Event').map((n) => n.date || '').sort();
    const rank = new Map(dated.map((d, i) => [d, i]));
    let seed = 1;
    const rand = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
    graph.forEachNode((id, a) => {
      if (a.kind !== 'Event') return;
      const t = (rank.get(a.date) || 0) / Math.max(dated.length, 1);
      const r = 100 + 60 * rand();
      graph.mergeNodeAttributes(id, { x: r * Math.cos(2 * Math.PI * t), y: r * Math.sin(2 * Math.PI * t) });
    });
    for (let pass = 0; pass < 2; pass++) {
      graph.forEachNode((id, a) => {
        if (a.kind === 'Event') return;
        let x = 0; let y = 0; let k = 0;
        graph.forEachNeighbor(id, (_, b) => { if (b.x != null) { x += b.x; y += b.y; k++; } });
        if (k) graph.mergeNodeAttributes(id, { x: x / k + 8 * (rand() - 0.5), y: y / k + 8 * (rand() - 0.5) });
        else if (a.x == null) graph.mergeNodeAttributes(id, { x: 200 * (rand() - 0.5), y: 200 * (rand() - 0.5) });
      });
    }
  }

  function stopLayout() {
    clearTimeout(layoutTimer);
    if (layout) { layout.kill(); layout = null; }
  }

  // draw fetches the subgraph the filter selects and draws it; it resolves
  // to the timings of the first frame (ms from the request).
  async function draw(filter, maxNodes, layoutMs) {
    stopLayout();
    if (renderer) { renderer.kill(); renderer = null; }
    say('loading…');
    const t0 = performance.now();
    const [{ Graph, Sigma, forceAtlas2, FA2Layout }, data] = await Promise.all([loadLib(), window.kg.gql(`query($f: SubgraphFilter, $n: Int) {
      eventSubgraph(filter: $f, maxNodes: $n) { totalNodes nodes { id label name date } edges { source target } }
    }`, { f: filter, n: maxNodes })]);
    const fetched = performance.now();
    const sub = data.eventSubgraph;
    const graph = new Graph({ multi: true, type: 'directed' });
    for (const n of sub.nodes) {
      graph.addNode(n.id, { label: n.name, kind: n.label, date: n.date || '', color: window.kg.colours[n.label] || '#999', size: 2 });
    }
    for (const e of sub.edges) graph.addEdge(e.source, e.target, { color: '#cbd2d9', size: 0.5 });
    graph.forEachNode((id) => graph.setNodeAttribute(id, 'size', Math.min(12, 2 + Math.sqrt(graph.degree(id)))));
    place(graph, sub.nodes);
    const built = performance.now();
    renderer = new Sigma(graph, $('#big-graph'), {
      hideEdgesOnMove: true, hideLabelsOnMove: true, renderEdgeLabels: false, labelRenderedSizeThreshold: 9,
    });
    renderer.on('clickNode', ({ node }) => { close(); window.kg.select(node); });
    const drawn = await frame();
    const timings = { nodes: graph.order, edges: graph.size, total: sub.totalNodes,
      fetchMs: fetched - t0, buildMs: built - fetched, firstRenderMs: drawn - t0 };
    say(`${graph.order.toLocaleString()} nodes${sub.totalNodes > graph.order ? ` of ${sub.totalNodes.toLocaleString()}` : ''}, ${graph.size.toLocaleString()} relations · first frame in ${Math.round(timings.firstRenderMs)} ms · laying out…`);
    layout = new FA2Layout(graph, { settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 500, slowDown: 5 } });
    layout.start();
    layoutTimer = setTimeout(() => {
      stopLayout();
      say($('#big-status').textContent.replace(' · laying out…', ''));
    }, layoutMs == null ? 8000 : layoutMs);
    window.kgBig.graph = graph;
    window.kgBig.renderer = renderer;
    window.kgBig.timings = timings;
    return timings;
  }

  // panFrames measures the frame times while the view is dragged: it
  // records the intervals between animation frames until stopped.
  function recordFrames() {
    const times = [];
    let last = null;
    let on = true;
    const tick = (t) => { if (last != null) times.push(t - last); last = t; if (on) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    return () => { on = false; return times; };
  }

  function filterFromForm() {
    const fd = new FormData(form);
    const f = { types: fd.getAll('types') };
    if (fd.get('from')) f.from = fd.get('from');
    if (fd.get('to')) f.to = fd.get('to');
    if (fd.get('organisation')) f.organisation = fd.get('organisation');
    return { filter: f, maxNodes: Number(fd.get('maxNodes')) || 5000 };
  }

  async function open() {
    big.hidden = false;
    form.elements.from.value = window.kg.range.from;
    form.elements.to.value = window.kg.range.to;
    const select = form.elements.organisation;
    if (select.options.length <= 1) {
      try {
        const data = await window.kg.gql(`{ busiest(type: ORGANISATION, first: 100) { count node { id name } } }`);
        for (const r of data.busiest) {
          const o = document.createElement('option');
          o.value = r.node.id;
          o.textContent = `${r.node.name} (${r.count})`;
          select.append(o);
        }
      } catch (err) {
        say(err.message);
      }
    }
  }

  function close() {
    stopLayout();
    if (renderer) { renderer.kill(); renderer = null; }
    big.hidden = true;
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const { filter, maxNodes } = filterFromForm();
    try {
      await draw(filter, maxNodes);
    } catch (err) {
      say(err.message);
    }
  });
  $('#big-open').addEventListener('click', open);
  $('#big-close').addEventListener('click', close);

  window.kgBig = { open, close, draw, stopLayout, recordFrames, graph: null, renderer: null, timings: null };
})();
