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

  // layoutStart gives every node a first position, so that the first
  // frame already shows a readable picture: events on a wheel by date (the
  // period runs round the circle), every other node at the mean of its
  // neighbours' places with a little jitter, in two passes (people by
  // their events, then posts by their people). ForceAtlas2 refines it.
  // pairs are the edges as indexes into nodes (eventSubgraph's
  // edgeIndexes). It returns the x, y and degree of each node.
  function layoutStart(nodes, pairs) {
    const n = nodes.length;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const placed = new Uint8Array(n);
    const degree = new Uint32Array(n);
    let seed = 1;
    const rand = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
    const events = [];
    for (let i = 0; i < n; i++) if (nodes[i].label === 'Event') events.push(i);
    events.sort((a, b) => ((nodes[a].date || '') < (nodes[b].date || '') ? -1 : (nodes[a].date || '') > (nodes[b].date || '') ? 1 : 0));
    events.forEach((i, k) => {
      const t = k / Math.max(events.length, 1);
      const r = 100 + 60 * rand();
      x[i] = r * Math.cos(2 * Math.PI * t);
      y[i] = r * Math.sin(2 * Math.PI * t);
      placed[i] = 1;
    });
    for (let e = 0; e < pairs.length; e += 2) { degree[pairs[e]]++; degree[pairs[e + 1]]++; }
    for (let pass = 2; pass <= 3; pass++) {
      const sx = new Float64Array(n);
      const sy = new Float64Array(n);
      const k = new Uint32Array(n);
      for (let e = 0; e < pairs.length; e += 2) {
        const a = pairs[e];
        const b = pairs[e + 1];
        if (placed[a] && placed[a] < pass && !placed[b]) { sx[b] += x[a]; sy[b] += y[a]; k[b]++; }
        if (placed[b] && placed[b] < pass && !placed[a]) { sx[a] += x[b]; sy[a] += y[b]; k[a]++; }
      }
      for (let i = 0; i < n; i++) {
        if (!placed[i] && k[i]) {
          x[i] = sx[i] / k[i] + 8 * (rand() - 0.5);
          y[i] = sy[i] / k[i] + 8 * (rand() - 0.5);
          placed[i] = pass;
        }
      }
    }
    for (let i = 0; i < n; i++) {
      if (!placed[i]) { x[i] = 200 * (rand() - 0.5); y[i] = 200 * (rand() - 0.5); }
    }
    return { x, y, degree };
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
      eventSubgraph(filter: $f, maxNodes: $n) { totalNodes nodes { id label name date } edgeIndexes }
    }`, { f: filter, n: maxNodes })]);
    const fetched = performance.now();
    const sub = data.eventSubgraph;
    const nodes = sub.nodes;
    const pairs = sub.edgeIndexes;
    const { x, y, degree } = layoutStart(nodes, pairs);
    const graph = new Graph({ multi: true, type: 'directed' });
    nodes.forEach((n, i) => {
      graph.addNode(n.id, { label: n.name, kind: n.label, x: x[i], y: y[i],
        size: Math.min(12, 2 + Math.sqrt(degree[i])), color: window.kg.colours[n.label] || '#999' });
    });
    for (let e = 0; e < pairs.length; e += 2) graph.addEdge(nodes[pairs[e]].id, nodes[pairs[e + 1]].id);
    const built = performance.now();
    renderer = new Sigma(graph, $('#big-graph'), {
      hideEdgesOnMove: true, hideLabelsOnMove: true, renderEdgeLabels: false, labelRenderedSizeThreshold: 9,
      defaultEdgeColor: '#cbd2d9',
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

  // recordFrames measures the frames while the view is dragged: the
  // intervals between animation frames, and the time sigma's render of
  // each takes on the main thread, until the function it returns is
  // called, which returns them.
  function recordFrames() {
    const frames = [];
    const renders = [];
    let last = null;
    let on = true;
    const tick = (t) => { if (last != null) frames.push(t - last); last = t; if (on) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const r = renderer;
    const render = r.render;
    r.render = function () { const t0 = performance.now(); const v = render.call(this); renders.push(performance.now() - t0); return v; };
    return () => { on = false; r.render = render; return { frames, renders }; };
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
