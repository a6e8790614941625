/*
 * The Atlas explorer: draws the skill graph with Cytoscape.js (force-directed layout: fcose) from
 * the operations in explore.graphql, sent to this server's /graphql. Every state is in the URL
 * (`/explore?root=backend-developer&depth=2`), so a view can be shared by copying the address.
 * Plain browser script, no build step; `window.explorer` exposes the state for tests and benches.
 */
(function explorer() {
  'use strict';

  const ENDPOINT = '/graphql';

  /** How each node type is drawn; the legend is built from this table. */
  const NODE_STYLES = {
    ROLE: { label: 'Role', color: '#2563eb', shape: 'round-rectangle' },
    SKILL: { label: 'Skill', color: '#16a34a', shape: 'ellipse' },
    TOOL: { label: 'Tool', color: '#ea580c', shape: 'diamond' },
    RESPONSIBILITY: { label: 'Responsibility', color: '#7c3aed', shape: 'hexagon' },
    CATEGORY: { label: 'Category', color: '#64748b', shape: 'tag' },
  };

  /** Each link kind: its colour, its label, and whether it cites sources (filing under a category is part of the entry). */
  const EDGE_KINDS = {
    ROLE_SKILL: { label: 'role needs skill', color: '#86efac', cited: true },
    ROLE_TOOL: { label: 'role uses tool', color: '#fdba74', cited: true },
    ROLE_RESPONSIBILITY: { label: 'role carries duty', color: '#c4b5fd', cited: true },
    RESPONSIBILITY_SKILL: { label: 'duty calls for skill', color: '#a5b4fc', cited: true },
    SKILL_TOOL: { label: 'skill practised with tool', color: '#fcd34d', cited: true },
    COLLABORATION: { label: 'works with', color: '#93c5fd', cited: true },
    SPECIALIZATION: { label: 'specialises into', color: '#60a5fa', cited: true },
    CATEGORY: { label: 'filed under', color: '#cbd5e1', cited: false },
  };

  /**
   * The graph sizes the page offers, the size of an expansion, the links drawn at first per node
   * (the strongest: a dense neighbourhood has twenty per node, and drawing them all takes seconds),
   * and the slices "show all links" and the sources of links are read in. Each stays within the
   * server's cost limit (test/explore-cost.test.ts reads this line and prices each operation at it).
   */
  const LIMITS = {
    depth: [1, 2, 3],
    maxNodes: [50, 100, 200],
    expandNodes: 40,
    edgesPerNode: 3,
    edgeSlice: 2000,
    sourcesSlice: 400,
    matchFirst: 15,
    searchFirst: 8,
  };

  const $ = (selector) => document.querySelector(selector);
  const state = { operations: null, cy: null, graph: null, view: 'graph', root: null, lastDraw: null, requests: [] };

  // ---------------------------------------------------------------------------------------------
  // The API

  /** The page's operations, by name, from explore.graphql, each followed by the fragments it spreads. */
  async function loadOperations() {
    const text = await (await fetch('/explore/explore.graphql')).text();
    const parts = text.split(/^(?=query |fragment )/m).slice(1);
    const fragments = {};
    for (const part of parts) if (part.startsWith('fragment ')) fragments[/^fragment (\w+)/.exec(part)[1]] = part;
    const operations = {};
    for (const part of parts.filter((p) => p.startsWith('query '))) {
      const spread = [...new Set([...part.matchAll(/\.\.\.(\w+)/g)].map((m) => m[1]))].filter((name) => name in fragments);
      operations[/^query (\w+)/.exec(part)[1]] = [part, ...spread.map((name) => fragments[name])].join('\n');
    }
    return operations;
  }

  /** Posts one operation; throws an Error with the API's code and message on errors. */
  async function gql(name, variables) {
    const response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query: state.operations[name], operationName: name, variables }),
    });
    const body = await response.json();
    state.requests.push({ name, status: response.status, errors: body.errors || [], cost: body.extensions && body.extensions.cost });
    if (body.errors && body.errors.length) {
      const first = body.errors[0];
      const error = new Error(`${(first.extensions && first.extensions.code) || 'ERROR'}: ${first.message}`);
      error.code = first.extensions && first.extensions.code;
      throw error;
    }
    return body.data;
  }

  // ---------------------------------------------------------------------------------------------
  // Small DOM helpers

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (key === 'onclick') node.addEventListener('click', value);
      else if (value !== undefined && value !== null) node.setAttribute(key, value);
    }
    for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  /** Replaces the children of `node`, skipping null ones (conditional parts). */
  function fill(node, ...children) {
    node.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined));
  }

  function setStatus(text, error) {
    const status = $('#status');
    status.textContent = text;
    status.classList.toggle('error', Boolean(error));
  }

  function sourceItem(source) {
    const title = source.url ? el('a', { href: source.url, rel: 'noreferrer' }, source.title) : source.title;
    return el('li', {}, title, ' ', el('span', { class: 'tag' }, source.version ? `imported, ${source.version}` : 'curated'));
  }

  const kindOf = (typename) => typename.toUpperCase();

  // ---------------------------------------------------------------------------------------------
  // Autocomplete over `search`

  /** Turns an input into a search box: suggestions as you type, `onPick({id, name, slug, type})` on choice. */
  function autocomplete(input, types, onPick) {
    const list = el('ul', { class: 'suggestions', hidden: '' });
    input.parentElement.append(list);
    let timer = null;
    let asked = 0;
    let items = [];
    let active = -1;
    const close = () => {
      list.hidden = true;
      active = -1;
    };
    const pick = (item) => {
      close();
      input.value = '';
      onPick(item);
    };
    const render = () => {
      fill(
        list,
        ...items.map((item, i) =>
          el(
            'li',
            { class: i === active ? 'active' : null, 'data-slug': item.slug, onclick: () => pick(item) },
            el('span', { class: 'swatch', style: `background:${NODE_STYLES[item.type].color}` }),
            item.name,
            ' ',
            el('small', {}, NODE_STYLES[item.type].label.toLowerCase()),
          ),
        ),
      );
      list.hidden = items.length === 0;
    };
    input.addEventListener('input', () => {
      clearTimeout(timer);
      const text = input.value.trim();
      if (!text) return close();
      timer = setTimeout(async () => {
        const ask = ++asked;
        try {
          const data = await gql('ExploreSearch', { query: text, types, first: LIMITS.searchFirst });
          if (ask !== asked) return;
          items = data.search.edges.map((e) => ({ ...e.node, type: kindOf(e.node.__typename) }));
          active = -1;
          render();
        } catch (error) {
          setStatus(error.message, true);
        }
      }, 150);
    });
    input.addEventListener('keydown', (event) => {
      if (list.hidden) return;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        active = (active + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
        render();
        event.preventDefault();
      } else if (event.key === 'Enter' && items[Math.max(active, 0)]) {
        pick(items[Math.max(active, 0)]);
      } else if (event.key === 'Escape') close();
    });
    input.addEventListener('blur', () => setTimeout(close, 200));
  }

  // ---------------------------------------------------------------------------------------------
  // URL state

  function readUrl() {
    const params = new URLSearchParams(location.search);
    const list = (key) => (params.get(key) || '').split(',').filter(Boolean);
    const pickOne = (key, allowed, fallback) => (allowed.includes(Number(params.get(key))) ? Number(params.get(key)) : fallback);
    return {
      view: ['graph', 'gap', 'match'].includes(params.get('view')) ? params.get('view') : 'graph',
      root: params.get('root'),
      type: params.get('type'),
      depth: pickOne('depth', LIMITS.depth, 2),
      maxNodes: pickOne('maxNodes', LIMITS.maxNodes, 200),
      kinds: list('kinds').filter((k) => k in EDGE_KINDS),
      prov: ['curated', 'imported'].includes(params.get('prov')) ? params.get('prov') : 'all',
      expand: list('expand'),
      select: params.get('select'),
      link: params.get('link'),
      to: params.get('to'),
      from: params.get('from'),
      have: list('have'),
      skills: list('skills'),
      tools: list('tools'),
    };
  }

  /** Writes `url` to the address bar; `push` makes it a history entry (a new view), else it replaces. */
  function writeUrl(url, push) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(url)) {
      if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
      params.set(key, Array.isArray(value) ? value.join(',') : String(value));
    }
    const address = `${location.pathname}?${params.toString().replace(/%2C/g, ',')}`;
    if (address !== location.pathname + location.search) history[push ? 'pushState' : 'replaceState'](null, '', address);
  }

  function graphUrl() {
    const root = state.root;
    return {
      view: 'graph',
      root: root && root.slug,
      type: root && root.type !== 'ROLE' ? root.type.toLowerCase() : null,
      depth: $('#depth').value,
      maxNodes: $('#maxNodes').value,
      kinds: selectedKinds().length === Object.keys(EDGE_KINDS).length ? [] : selectedKinds(),
      prov: provenanceFilter() === 'all' ? null : provenanceFilter(),
      expand: state.graph ? state.graph.expanded : [],
      // What the panel shows: a link, or a node other than the root (the root is shown by default).
      link: state.selected && state.selected.link,
      select: state.selected && state.selected.node !== (root && root.id) ? state.selected.node : null,
    };
  }

  const selectedKinds = () => [...document.querySelectorAll('#kinds input:checked')].map((i) => i.value);
  const provenanceFilter = () => document.querySelector('input[name=prov]:checked').value;

  /** The id of the entity a slug names, trying the types in order (or only `type`). */
  async function resolveSlug(slug, type, among) {
    const data = await gql('ExploreBySlug', { slug });
    const order = type ? [type.toLowerCase()] : among || ['role', 'skill', 'tool', 'responsibility', 'category'];
    for (const key of order) if (data[key]) return { id: data[key].id, name: data[key].name, slug, type: key.toUpperCase() };
    throw new Error(`NOT_FOUND: nothing has the slug "${slug}"`);
  }

  // ---------------------------------------------------------------------------------------------
  // Drawing

  function createCy() {
    const nodeStyles = Object.entries(NODE_STYLES).map(([type, s]) => ({
      selector: `node[type = "${type}"]`,
      style: { 'background-color': s.color, shape: s.shape },
    }));
    const edgeStyles = Object.entries(EDGE_KINDS).map(([kind, k]) => ({
      selector: `edge[kind = "${kind}"]`,
      style: { 'line-color': k.color },
    }));
    return cytoscape({
      container: $('#graph'),
      wheelSensitivity: 0.3,
      minZoom: 0.1,
      maxZoom: 4,
      style: [
        {
          // Most labels appear only once zoomed in (min-zoomed-font-size), so a 200-node
          // neighbourhood stays readable: the root and the most connected nodes near it
          // (.prominent) are labelled at once, and hovering shows any label. The others get their
          // label (.labelled) only when the zoom first reaches their size (labelOnZoom): measuring
          // and painting 200 labels nobody can see took a third of the first drawing.
          selector: 'node',
          style: {
            width: 12,
            height: 12,
            'font-size': 8,
            'min-zoomed-font-size': 11,
            color: '#0f172a',
            'text-valign': 'bottom',
            'text-margin-y': 2,
            'text-wrap': 'ellipsis',
            'text-max-width': 110,
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.75,
            'text-background-padding': 1,
            'border-width': 1,
            'border-color': '#ffffff',
          },
        },
        { selector: 'node[level = 0], node.prominent, node.hover, node.labelled', style: { label: 'data(label)' } },
        ...nodeStyles,
        { selector: 'node[level = 1], node.fresh', style: { width: 20, height: 20 } },
        { selector: 'node.prominent', style: { 'font-size': 11, 'min-zoomed-font-size': 6, 'z-index': 5 } },
        {
          selector: 'node[level = 0]',
          style: { width: 34, height: 34, 'font-size': 14, 'font-weight': 'bold', 'min-zoomed-font-size': 0 },
        },
        { selector: 'node.hover', style: { 'font-size': 12, 'min-zoomed-font-size': 0, 'z-index': 10 } },
        { selector: 'node.covered', style: { 'border-width': 4, 'border-color': '#16a34a' } },
        { selector: 'node.missing-essential', style: { 'border-width': 4, 'border-color': '#dc2626' } },
        { selector: 'node.missing-optional', style: { 'border-width': 3, 'border-color': '#f59e0b', 'border-style': 'dashed' } },
        { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#0f172a' } },
        { selector: 'node.expanded', style: { 'border-width': 3, 'border-color': '#1e293b', 'border-style': 'double' } },
        {
          selector: 'edge',
          style: { width: 'mapData(weight, 0, 1, 0.5, 5)', 'curve-style': 'haystack', 'haystack-radius': 0, opacity: 0.7 },
        },
        ...edgeStyles,
        { selector: 'edge:selected', style: { 'line-color': '#0f172a', opacity: 1 } },
        { selector: '.filtered', style: { display: 'none' } },
      ],
    });
  }

  const LAYOUT = {
    name: 'fcose',
    quality: 'default',
    animate: false,
    nodeRepulsion: 12000,
    idealEdgeLength: 80,
    nodeSeparation: 60,
    padding: 20,
  };

  /** How many nodes are labelled before zooming in. */
  const PROMINENT = 30;

  /** The zoom at which an ordinary node's label (font-size 8) reaches min-zoomed-font-size 11. */
  const LABEL_ZOOM = 11 / 8;

  /** Gives every node its label once the zoom is enough to read the ordinary ones. */
  function labelOnZoom(cy) {
    cy.on('zoom', () => {
      if (cy.zoom() >= LABEL_ZOOM) cy.nodes().not('.labelled').addClass('labelled');
    });
  }

  /** Marks the nodes labelled at any zoom: the nearest to the root first, the most connected of a level first. */
  function markProminent(cy) {
    cy.nodes().removeClass('prominent');
    const ranked = cy.nodes().sort((a, b) => a.data('level') - b.data('level') || b.degree() - a.degree());
    ranked.slice(0, PROMINENT).addClass('prominent');
  }

  /**
   * What the layout lays out: every node, pulled only by its heaviest link to a node one level
   * nearer the root (the walk's tree). A dense neighbourhood (Python on O*NET: 200 nodes, 4,277
   * links) then lays out about as fast as a sparse one; every link is still drawn.
   */
  function layoutOf(cy) {
    let tree = cy.collection();
    cy.nodes().forEach((node) => {
      const level = node.data('level');
      let best = null;
      node.connectedEdges().forEach((edge) => {
        const other = edge.source().same(node) ? edge.target() : edge.source();
        if (other.data('level') < level && (!best || edge.data('weight') > best.data('weight'))) best = edge;
      });
      if (best) tree = tree.union(best);
    });
    return cy.nodes().union(tree);
  }

  const edgeId = (e) => `${e.kind}:${e.source}:${e.target}`;

  /**
   * Cytoscape elements of an answer. Each link remembers the skillGraph query it came from
   * (`origin`, an index into state.graph.queries) and its place in that query's links, strongest
   * first (`rank`), so its sources can be read with the same query (loadSources).
   */
  function elementsOf(graph, known, origin, offset) {
    const nodes = (graph.nodes || [])
      .filter((n) => !known || !known.has(n.id))
      .map((n) => ({ group: 'nodes', data: { id: n.id, label: n.label, type: n.type, level: n.level } }));
    const edges = graph.edges.map((e, i) => ({
      group: 'edges',
      data: { id: edgeId(e), kind: e.kind, source: e.source, target: e.target, weight: e.weight, origin, rank: offset + i },
    }));
    return { nodes, edges };
  }

  /** Records a skillGraph query whose links are drawn; returns its index (the links' `origin`). */
  function addQuery(variables, answer) {
    state.graph.queries.push({ variables, edgeCount: answer.edgeCount, loaded: answer.edges.length });
    return state.graph.queries.length - 1;
  }

  /** "Showing N of M links", with a button to draw the rest, while some are not drawn. */
  function noteLinks() {
    const note = $('#links-note');
    const left = state.graph ? state.graph.queries.reduce((sum, q) => sum + q.edgeCount - q.loaded, 0) : 0;
    note.hidden = left <= 0 || state.view !== 'graph';
    const shown = state.cy.edges().length;
    note.firstElementChild.textContent = `Showing ${shown} of ${shown + left} links: the strongest of each node.`;
  }

  /** Draws every link the drawn queries left out, a slice at a time. */
  async function showAllLinks() {
    const cy = state.cy;
    const graph = state.graph;
    setStatus('Loading the other links…');
    for (const [origin, query] of graph.queries.entries()) {
      while (query.loaded < query.edgeCount) {
        const data = await gql('ExploreGraphEdges', { ...query.variables, first: LIMITS.edgeSlice, offset: query.loaded });
        const { edges } = elementsOf(data.skillGraph, null, origin, query.loaded);
        if (edges.length === 0) break;
        cy.add(edges.filter((e) => cy.getElementById(e.data.id).empty()));
        query.loaded += edges.length;
      }
    }
    const hidden = await applyProvenance();
    noteLinks();
    const filtered = hidden.nodes + hidden.links ? ` (${hidden.nodes} nodes and ${hidden.links} links hidden by the source filter)` : '';
    setStatus(`${cy.nodes().length} nodes, ${cy.edges().length} links${filtered}.`);
    writeUrl(graphUrl(), false);
  }

  /**
   * Reads the sources of `edges` (drawn skill-graph links) that are not known yet, with the query
   * each came from, in slices of LIMITS.sourcesSlice: one request per slice, whatever the number of links in it.
   */
  async function loadSources(edges) {
    const graph = state.graph;
    const wanted = new Map();
    edges.forEach((edge) => {
      if (graph.sources.has(edge.id()) || edge.data('origin') === undefined || !EDGE_KINDS[edge.data('kind')].cited) return;
      const slice = Math.floor(edge.data('rank') / LIMITS.sourcesSlice);
      wanted.set(`${edge.data('origin')}:${slice}`, [edge.data('origin'), slice]);
    });
    for (const [origin, slice] of wanted.values()) {
      const variables = { ...graph.queries[origin].variables, first: LIMITS.sourcesSlice, offset: slice * LIMITS.sourcesSlice };
      const data = await gql('ExploreGraphSources', variables);
      for (const e of data.skillGraph.edges) graph.sources.set(edgeId(e), e.sources);
    }
  }

  /** Draws the neighbourhood of `root` (a {id, slug, type}); resolves once it is on screen. */
  async function drawGraph(root, options) {
    const started = performance.now();
    state.view = 'graph';
    state.root = root;
    state.selected = null;
    setStatus('Loading…');
    const kinds = selectedKinds();
    const variables = { root: root.id, depth: Number($('#depth').value), maxNodes: Number($('#maxNodes').value) };
    if (kinds.length < Object.keys(EDGE_KINDS).length) variables.kinds = kinds;
    const data = await gql('ExploreGraph', { ...variables, first: LIMITS.edgesPerNode * variables.maxNodes });
    const answered = performance.now();
    const graph = data.skillGraph;
    state.graph = { variables, answer: graph, expanded: [], provenance: null, queries: [], sources: new Map() };
    const cy = state.cy;
    cy.startBatch();
    cy.elements().remove();
    const { nodes, edges } = elementsOf(graph, null, addQuery(variables, graph), 0);
    cy.add(nodes);
    cy.add(edges);
    cy.endBatch();
    markProminent(cy);
    state.addMs = performance.now() - answered;
    await run(layoutOf(cy).layout(LAYOUT));
    const drawnMs = performance.now() - started;
    // The bench reads this: the whole time, the API's share and the drawing's (layout and first frame).
    state.lastDraw = {
      ms: drawnMs,
      queryMs: answered - started,
      drawMs: performance.now() - answered,
      layoutMs: state.layoutMs,
      addMs: state.addMs,
      sinceNavigationMs: performance.now(),
      nodes: nodes.length,
      edges: edges.length,
      edgeCount: graph.edgeCount,
    };
    setStatus(
      `${nodes.length} nodes, ${edges.length} of ${graph.edgeCount} links${graph.truncated ? ' (truncated: raise Max nodes to see more)' : ''}; drawn in ${Math.round(drawnMs)} ms.`,
    );
    noteLinks();
    if (!options || !options.keepUrl) writeUrl(graphUrl(), true);
    await applyProvenance();
    await showEntity(root.id, Boolean(options && options.keepUrl));
    for (const id of (options && options.expand) || []) await expand(id, true);
  }

  /** Runs a layout; resolves on the frame after it stops (the drawing is on screen then). */
  function run(layout) {
    return new Promise((resolve) => {
      const started = performance.now();
      layout.one('layoutstop', () => {
        state.layoutMs = performance.now() - started;
        const cy = state.cy;
        // A handful of nodes would be fitted at a giant zoom: keep them at a readable size.
        if (cy.zoom() > 1.5) {
          cy.zoom(1.5);
          cy.center();
        }
        requestAnimationFrame(() => resolve());
      });
      layout.run();
    });
  }

  /** Adds the direct neighbours of a drawn node, placed around it, and settles the layout. */
  async function expand(id, quiet) {
    const cy = state.cy;
    const node = cy.getElementById(id);
    if (!state.graph || node.empty() || state.graph.expanded.includes(id)) return;
    const variables = { root: id, depth: 1, maxNodes: LIMITS.expandNodes };
    if (state.graph.variables.kinds) variables.kinds = state.graph.variables.kinds;
    const data = await gql('ExploreGraph', { ...variables, first: LIMITS.edgesPerNode * variables.maxNodes });
    const known = new Set(cy.nodes().map((n) => n.id()));
    const { nodes, edges } = elementsOf(data.skillGraph, known, addQuery(variables, data.skillGraph), 0);
    const centre = node.position();
    cy.startBatch();
    nodes.forEach((n, i) => {
      const angle = (2 * Math.PI * i) / Math.max(nodes.length, 1);
      n.position = { x: centre.x + 90 * Math.cos(angle), y: centre.y + 90 * Math.sin(angle) };
      n.data.level = Math.min(node.data('level') + 1, 9);
      n.classes = 'fresh';
    });
    cy.add(nodes);
    cy.add(edges.filter((e) => cy.getElementById(e.data.id).empty()));
    cy.endBatch();
    node.addClass('expanded');
    cy.nodes('.fresh').addClass('prominent');
    state.graph.expanded.push(id);
    await run(layoutOf(cy).layout({ ...LAYOUT, randomize: false, quality: 'proof', numIter: 400 }));
    await applyProvenance();
    noteLinks();
    setStatus(`${cy.nodes().length} nodes, ${cy.edges().length} links; expanded ${node.data('label')} (+${nodes.length}).`);
    if (!quiet) writeUrl(graphUrl(), false);
  }

  /**
   * Hides what the chosen provenance does not support: nodes whose own citations are not of it (the
   * root and categories stay), and links whose sources are not (links filing under a category cite
   * nothing and stay). Returns how many nodes and links it hid.
   */
  async function applyProvenance() {
    const cy = state.cy;
    const filter = provenanceFilter();
    cy.elements().removeClass('filtered');
    if (filter === 'all' || !state.graph) return { nodes: 0, links: 0 };
    const provenance = state.graph.provenance || (state.graph.provenance = new Map());
    const missing = cy
      .nodes()
      .map((n) => n.id())
      .filter((id) => !provenance.has(id));
    for (let i = 0; i < missing.length; i += 100) {
      const data = await gql('ExploreProvenance', { ids: missing.slice(i, i + 100) });
      for (const node of data.nodes) {
        if (!node || !node.id) continue;
        provenance.set(node.id, { curated: node.sources.some(isCurated), imported: node.sources.some(isImported) });
      }
    }
    const hidden = cy.nodes().filter((n) => {
      if (n.data('level') === 0) return false;
      const p = provenance.get(n.id());
      return p ? !p[filter] : false; // categories cite nothing: shown either way
    });
    hidden.addClass('filtered');
    hidden.connectedEdges().addClass('filtered');
    // The sources of the links still shown, read only for those.
    const between = cy.edges().filter((e) => !e.hasClass('filtered'));
    await loadSources(between);
    const keep = filter === 'curated' ? isCurated : isImported;
    const unsupported = between.filter((e) => EDGE_KINDS[e.data('kind')].cited && !(state.graph.sources.get(e.id()) || []).some(keep));
    unsupported.addClass('filtered');
    return { nodes: hidden.length, links: unsupported.length };
  }

  const isCurated = (source) => !source.version;
  const isImported = (source) => Boolean(source.version);

  // ---------------------------------------------------------------------------------------------
  // The side panel

  /** Keeps the address in step with what the panel shows, in the graph view. */
  function selected(selection, quiet) {
    state.selected = selection;
    if (!quiet && state.view === 'graph' && state.graph) writeUrl(graphUrl(), false);
  }

  async function showEntity(id, quiet) {
    selected({ node: id }, quiet);
    const panel = $('#panel');
    try {
      const { node } = await gql('ExploreEntity', { id });
      if (!node) return fill(panel, el('p', {}, 'Nothing has this id any more.'));
      const type = kindOf(node.__typename);
      const links = state.cy
        .getElementById(id)
        .connectedEdges()
        .sort((a, b) => b.data('weight') - a.data('weight'))
        .slice(0, 12);
      fill(
        panel,
        el('h2', {}, el('span', { class: 'swatch', style: `background:${NODE_STYLES[type].color}` }), node.name),
        el(
          'p',
          { class: 'muted' },
          NODE_STYLES[type].label,
          node.kind ? `, ${node.kind.toLowerCase()}` : '',
          node.category ? ` in ${node.category.name}` : '',
          node.parent ? ` under ${node.parent.name}` : '',
          node.externalCode ? ` (O*NET ${node.externalCode})` : '',
        ),
        node.aliases && node.aliases.length ? el('p', {}, 'Also: ', node.aliases.join(', ')) : null,
        el('p', {}, node.summary || node.description || ''),
        node.sources ? el('h3', {}, 'Sources') : null,
        node.sources ? el('ul', {}, node.sources.map(sourceItem)) : null,
        el('h3', {}, 'Strongest links (click for their sources)'),
        el(
          'ul',
          { class: 'links' },
          links.map((edge) =>
            el(
              'li',
              { 'data-edge': edge.id(), onclick: () => showLink(edge) },
              `${edge.source().data('label')} → ${edge.target().data('label')} `,
              el('small', { class: 'muted' }, `${EDGE_KINDS[edge.data('kind')].label}, weight ${edge.data('weight').toFixed(2)}`),
            ),
          ),
        ),
        links.length === 0 ? el('p', { class: 'muted' }, 'No links drawn.') : null,
      );
    } catch (error) {
      fill(panel, el('p', { class: 'error' }, error.message));
    }
  }

  /** Shows one link and the sources that support it (SkillGraphEdge.sources). */
  async function showLink(edge) {
    selected({ link: edge.id() });
    const panel = $('#panel');
    const kind = EDGE_KINDS[edge.data('kind')];
    state.cy.elements().unselect();
    edge.select();
    const title = el('h2', {}, `${edge.source().data('label')} → ${edge.target().data('label')}`);
    const header = [title, el('p', { class: 'muted' }, `${kind.label}, weight ${edge.data('weight').toFixed(2)}`)];
    const back = el('p', {}, el('a', { href: '#', onclick: (e) => (e.preventDefault(), showEntity(edge.source().id())) }, '← back'));
    if (!kind.cited) {
      fill(panel, ...header, el('p', {}, 'Filing under a category is part of the entry itself: see its sources.'), back);
      return;
    }
    if (!state.graph || edge.data('origin') === undefined) {
      fill(panel, ...header, el('p', { class: 'muted' }, 'Draw the neighbourhood of either end to see the sources of this link.'), back);
      return;
    }
    fill(panel, ...header, el('p', { class: 'muted' }, 'Loading sources…'));
    try {
      await loadSources(edge);
      const sources = state.graph.sources.get(edge.id()) || [];
      fill(
        panel,
        ...header,
        el('h3', {}, 'Sources of this link'),
        sources.length ? el('ul', { class: 'link-sources' }, sources.map(sourceItem)) : el('p', { class: 'muted' }, 'No source cited.'),
        back,
      );
    } catch (error) {
      fill(panel, ...header, el('p', { class: 'error' }, error.message));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Skill gap and role match

  const gapState = { to: null, from: null, have: [] };
  const matchState = { items: [] };

  function renderChips(list, items, onRemove) {
    fill(list, ...items.map((item) => el('li', { title: 'remove', onclick: () => onRemove(item) }, `${item.name} ×`)));
  }

  /** Draws a star: `centre` in the middle, `items` around it with a class each. */
  async function drawStar(centres, items) {
    const cy = state.cy;
    cy.startBatch();
    cy.elements().remove();
    for (const c of centres) cy.add({ group: 'nodes', data: { id: c.id, label: c.name, type: 'ROLE', level: 0 } });
    for (const item of items) {
      if (cy.getElementById(item.id).empty())
        cy.add({ group: 'nodes', data: { id: item.id, label: item.name, type: item.type, level: 1 } });
      cy.getElementById(item.id).addClass(item.className || '');
      for (const c of item.links) {
        const id = `${c}:${item.id}`;
        if (cy.getElementById(id).empty())
          cy.add({
            group: 'edges',
            data: { id, source: c, target: item.id, weight: item.weight, kind: item.type === 'TOOL' ? 'ROLE_TOOL' : 'ROLE_SKILL' },
          });
      }
    }
    // What is missing, essential first, is labelled before what is optional or covered.
    const ranked = ['.missing-essential', '.covered', '.missing-optional'].map((c) => cy.nodes(c));
    ranked
      .reduce((all, group) => all.union(group), cy.collection())
      .slice(0, PROMINENT)
      .addClass('prominent');
    cy.endBatch();
    await run(cy.layout(LAYOUT));
  }

  async function runGap(push) {
    if (!gapState.to) return setStatus('Pick a target role first.', true);
    const mode = document.querySelector('input[name=gapMode]:checked').value;
    if (mode === 'role' && !gapState.from) return setStatus('Pick the role you are in, or switch to skills and tools.', true);
    state.view = 'gap';
    state.graph = null;
    noteLinks();
    state.selected = null;
    setStatus('Comparing…');
    const variables = { to: gapState.to.slug };
    if (mode === 'role') variables.from = gapState.from.slug;
    else variables.have = gapState.have.map((h) => h.slug);
    try {
      const { skillGap: gap } = await gql('ExploreGap', variables);
      const group = (list, key, type, className) =>
        list.map((w) => ({ id: w[key].id, name: w[key].name, weight: w.weight, type, className }));
      const missingEssential = [
        ...group(gap.missingEssentialSkills, 'skill', 'SKILL'),
        ...group(gap.missingEssentialTools, 'tool', 'TOOL'),
      ];
      const missingOptional = [...group(gap.missingOptionalSkills, 'skill', 'SKILL'), ...group(gap.missingOptionalTools, 'tool', 'TOOL')];
      const covered = [...group(gap.coveredSkills, 'skill', 'SKILL'), ...group(gap.coveredTools, 'tool', 'TOOL')];
      const centres = gap.from ? [gap.to, gap.from] : [gap.to];
      await drawStar(centres, [
        ...missingEssential.map((i) => ({ ...i, className: 'missing-essential', links: [gap.to.id] })),
        ...missingOptional.map((i) => ({ ...i, className: 'missing-optional', links: [gap.to.id] })),
        ...covered.map((i) => ({ ...i, className: 'covered', links: gap.from ? [gap.to.id, gap.from.id] : [gap.to.id] })),
      ]);
      const list = (title, items, id) =>
        el(
          'section',
          { id },
          el('h3', {}, `${title} (${items.length})`),
          el(
            'ul',
            {},
            items.map((i) => el('li', {}, `${i.name} `, el('small', { class: 'muted' }, i.weight.toFixed(2)))),
          ),
        );
      fill(
        $('#panel'),
        el('h2', {}, `${gap.from ? gap.from.name : 'Your skills'} → ${gap.to.name}`),
        el('p', {}, `Coverage ${Math.round(gap.coverage * 100)}%`),
        el('div', { class: 'bar' }, el('span', { style: `width:${Math.round(gap.coverage * 100)}%` })),
        list('Missing, essential', missingEssential, 'gap-missing-essential'),
        list('Missing, optional', missingOptional, 'gap-missing-optional'),
        list('Covered', covered, 'gap-covered'),
      );
      setStatus(`${missingEssential.length} essential and ${missingOptional.length} optional items missing; ${covered.length} covered.`);
      writeUrl({ view: 'gap', to: gapState.to.slug, from: variables.from, have: variables.have }, push);
    } catch (error) {
      setStatus(error.message, true);
    }
  }

  async function runMatch(push) {
    if (matchState.items.length === 0) return setStatus('Add at least one skill or tool.', true);
    state.view = 'match';
    state.graph = null;
    noteLinks();
    state.selected = null;
    setStatus('Matching…');
    const skills = matchState.items.filter((i) => i.type === 'SKILL').map((i) => i.slug);
    const tools = matchState.items.filter((i) => i.type === 'TOOL').map((i) => i.slug);
    try {
      const { matchRoles } = await gql('ExploreMatch', { skills, tools, first: LIMITS.matchFirst });
      const roles = matchRoles.edges.map((e) => e.node);
      const byId = new Map(matchState.items.map((i) => [i.id, i]));
      const cy = state.cy;
      cy.startBatch();
      cy.elements().remove();
      for (const item of matchState.items) cy.add({ group: 'nodes', data: { id: item.id, label: item.name, type: item.type, level: 0 } });
      for (const edge of matchRoles.edges) {
        cy.add({
          group: 'nodes',
          data: { id: edge.node.id, label: `${edge.node.name} ${Math.round(edge.score * 100)}%`, type: 'ROLE', level: 1 },
        });
        for (const m of [...edge.matchedSkills.map((s) => s.skill), ...edge.matchedTools.map((t) => t.tool)]) {
          const item = byId.get(m.id);
          if (item)
            cy.add({
              group: 'edges',
              data: {
                id: `${edge.node.id}:${item.id}`,
                source: edge.node.id,
                target: item.id,
                weight: edge.score,
                kind: item.type === 'TOOL' ? 'ROLE_TOOL' : 'ROLE_SKILL',
              },
            });
        }
      }
      cy.nodes().addClass('prominent');
      cy.endBatch();
      await run(cy.layout(LAYOUT));
      fill(
        $('#panel'),
        el('h2', {}, 'Best-matching roles'),
        el(
          'ol',
          { id: 'match-results' },
          matchRoles.edges.map((e) =>
            el(
              'li',
              {},
              el('strong', {}, e.node.name),
              ` ${Math.round(e.score * 100)}%`,
              el('div', { class: 'bar' }, el('span', { style: `width:${Math.round(e.score * 100)}%` })),
              e.missingEssentialSkills.length
                ? el('small', { class: 'muted' }, `missing: ${e.missingEssentialSkills.map((s) => s.skill.name).join(', ')}`)
                : null,
            ),
          ),
        ),
      );
      setStatus(`${roles.length} roles match.`);
      writeUrl({ view: 'match', skills, tools }, push);
    } catch (error) {
      setStatus(error.message, true);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Wiring

  function showView(view) {
    state.view = view;
    for (const button of document.querySelectorAll('#views button')) button.classList.toggle('active', button.dataset.view === view);
    for (const section of document.querySelectorAll('#controls section[data-for]')) section.hidden = section.dataset.for !== view;
  }

  function showGapMode() {
    const mode = document.querySelector('input[name=gapMode]:checked').value;
    for (const node of document.querySelectorAll('[data-mode]')) node.hidden = node.dataset.mode !== mode;
  }

  function buildControls() {
    for (const [select, values] of [
      ['#depth', LIMITS.depth],
      ['#maxNodes', LIMITS.maxNodes],
    ])
      $(select).append(...values.map((value) => el('option', {}, String(value))));
    $('#legend').append(
      el(
        'ul',
        {},
        Object.values(NODE_STYLES).map((s) =>
          el('li', {}, el('span', { class: 'swatch', style: `background:${s.color}` }), `${s.label} (${s.shape})`),
        ),
      ),
      el(
        'ul',
        {},
        Object.values(EDGE_KINDS).map((k) =>
          el('li', {}, el('span', { class: 'line', style: `border-top:3px solid ${k.color}` }), k.label),
        ),
      ),
      el('p', { class: 'muted' }, 'Line width: link weight (essential 1, optional 0.5, O*NET importance / 5).'),
      el('p', { class: 'muted' }, 'Skill gap: red ring missing (essential), dashed amber missing (optional), green covered.'),
    );
    for (const kind of Object.keys(EDGE_KINDS)) {
      $('#kinds').append(el('label', {}, el('input', { type: 'checkbox', value: kind, checked: '' }), ` ${EDGE_KINDS[kind].label}`));
    }
  }

  async function restore() {
    const url = readUrl();
    showView(url.view);
    $('#depth').value = String(url.depth);
    $('#maxNodes').value = String(url.maxNodes);
    if (url.kinds.length) for (const box of document.querySelectorAll('#kinds input')) box.checked = url.kinds.includes(box.value);
    document.querySelector(`input[name=prov][value=${url.prov}]`).checked = true;
    try {
      if (url.view === 'graph' && url.root) {
        await drawGraph(await resolveSlug(url.root, url.type), { keepUrl: true, expand: url.expand });
        const link = url.link && state.cy.getElementById(url.link);
        if (link && link.nonempty()) await showLink(link);
        else if (url.select && state.cy.getElementById(url.select).nonempty()) await showEntity(url.select);
      } else if (url.view === 'gap' && url.to) {
        gapState.to = await resolveSlug(url.to, 'role');
        $('#gapTo').placeholder = gapState.to.name;
        if (url.from) gapState.from = await resolveSlug(url.from, 'role');
        else gapState.have = await Promise.all(url.have.map((slug) => resolveSlug(slug, null, ['skill', 'tool'])));
        document.querySelector(`input[name=gapMode][value=${url.from ? 'role' : 'have'}]`).checked = true;
        showGapMode();
        if (url.from) $('#gapFrom').placeholder = gapState.from.name;
        renderChips($('#gapHaveChips'), gapState.have, removeHave);
        await runGap(false);
      } else if (url.view === 'match' && (url.skills.length || url.tools.length)) {
        for (const slug of url.skills) matchState.items.push(await resolveSlug(slug, 'skill'));
        for (const slug of url.tools) matchState.items.push(await resolveSlug(slug, 'tool'));
        renderChips($('#matchChips'), matchState.items, removeMatch);
        await runMatch(false);
      } else setStatus('Search for a role, skill or tool to draw its neighbourhood.');
    } catch (error) {
      setStatus(error.message, true);
    }
  }

  function removeHave(item) {
    gapState.have = gapState.have.filter((h) => h !== item);
    renderChips($('#gapHaveChips'), gapState.have, removeHave);
  }

  function removeMatch(item) {
    matchState.items = matchState.items.filter((h) => h !== item);
    renderChips($('#matchChips'), matchState.items, removeMatch);
  }

  const fail = (error) => setStatus(error.message, true);

  async function start() {
    state.operations = await loadOperations();
    cytoscape.use(cytoscapeFcose);
    state.cy = createCy();
    labelOnZoom(state.cy);
    buildControls();
    showGapMode();

    autocomplete($('#search'), undefined, (item) => drawGraph(item).catch(fail));
    autocomplete($('#gapTo'), ['ROLE'], (item) => {
      gapState.to = item;
      $('#gapTo').placeholder = item.name;
    });
    autocomplete($('#gapFrom'), ['ROLE'], (item) => {
      gapState.from = item;
      $('#gapFrom').placeholder = item.name;
    });
    autocomplete($('#gapHave'), ['SKILL', 'TOOL'], (item) => {
      gapState.have.push(item);
      renderChips($('#gapHaveChips'), gapState.have, removeHave);
    });
    autocomplete($('#matchAdd'), ['SKILL', 'TOOL'], (item) => {
      matchState.items.push(item);
      renderChips($('#matchChips'), matchState.items, removeMatch);
    });
    $('#allLinks').addEventListener('click', () => showAllLinks().catch(fail));
    $('#gapRun').addEventListener('click', () => runGap(true));
    $('#matchRun').addEventListener('click', () => runMatch(true));
    for (const radio of document.querySelectorAll('input[name=gapMode]')) radio.addEventListener('change', showGapMode);
    for (const button of document.querySelectorAll('#views button')) button.addEventListener('click', () => showView(button.dataset.view));
    const redraw = () => state.root && state.view === 'graph' && drawGraph(state.root).catch(fail);
    $('#depth').addEventListener('change', redraw);
    $('#maxNodes').addEventListener('change', redraw);
    $('#kinds').addEventListener('change', redraw);
    $('#provenance').addEventListener('change', () =>
      applyProvenance()
        .then((hidden) => {
          if (!state.graph) return;
          const filter = provenanceFilter();
          const [nodes, links] = [state.cy.nodes().length, state.cy.edges().length];
          setStatus(
            filter === 'all'
              ? `${nodes} nodes, ${links} links.`
              : `${nodes - hidden.nodes} of ${nodes} nodes and ${links - state.cy.edges('.filtered').length} of ${links} links shown: ` +
                  `${filter} sources support them (the root, categories and filing under one always shown).`,
          );
          writeUrl(graphUrl(), false);
        })
        .catch(fail),
    );

    state.cy.on('tap', 'node', (event) => {
      if (state.view !== 'graph') return showEntity(event.target.id());
      showEntity(event.target.id());
      expand(event.target.id()).catch(fail);
    });
    state.cy.on('tap', 'edge', (event) => showLink(event.target));
    state.cy.on('mouseover', 'node', (event) => event.target.addClass('hover'));
    state.cy.on('mouseout', 'node', (event) => event.target.removeClass('hover'));
    window.addEventListener('popstate', () => restore());
    await restore();
    state.ready = true;
  }

  /** For tests and the bench: the state, and each drawn node's id, label and place on the page. */
  window.explorer = {
    state,
    drawn() {
      const box = $('#graph').getBoundingClientRect();
      // `display` read per node: it brings each node's style up to date, as drawing it would.
      const shown = state.cy.nodes().filter((n) => n.style('display') !== 'none');
      return shown.map((n) => {
        const p = n.renderedPosition();
        // The label it shows when hovered or zoomed into (most are not painted at first: labelOnZoom).
        return { id: n.id(), label: n.data('label'), type: n.data('type'), x: box.left + p.x, y: box.top + p.y };
      });
    },
    edges: () =>
      state.cy
        .edges()
        .filter((e) => e.style('display') !== 'none')
        .map((e) => e.id()),
  };

  start().catch(fail);
})();
