/* kg view page script: search, kind filter, hover cards and details, stabilisation.
 *
 * All text from the graph is inserted with textContent (never innerHTML), so a label that looks
 * like markup shows as text. window.kgView exposes the state for tests.
 */
(function () {
  "use strict";
  const DATA = JSON.parse(document.getElementById("kg-data").textContent);
  const info = DATA.info;
  const kinds = DATA.kinds;
  const nodes = new vis.DataSet(DATA.nodes);
  const edges = new vis.DataSet(DATA.edges);
  const baseNode = new Map(DATA.nodes.map((n) => [n.id, { color: n.color, font: n.font }]));
  const baseEdge = new Map(DATA.edges.map((e) => [e.id, { color: e.color, font: e.font }]));
  const hiddenKinds = new Set();  // legend keys (kinds, or communities in the people overview)
  const legendOf = new Map(DATA.nodes.map((n) => [n.id, n.legend]));
  const api = {
    nodes: nodes, edges: edges, info: info, network: null, stabilized: false,
    stabilizedAt: null, selected: null,
  };
  window.kgView = api;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function kindText(i) {
    const name = kinds[i.kind].name;
    return i.subtype && i.subtype !== name ? name + " · " + i.subtype : name;
  }

  function dateText(i) {
    return i.date ? i.date + (i.part_of_day ? " " + i.part_of_day : "") : "";
  }

  function reportedText(i) {
    const r = i.reported;
    if (!r.length) return "";
    return r.length === 1 ? r[0] : r[0] + " 至 " + r[r.length - 1] + "（" + r.length + " 天）";
  }

  function clip(text, n) {
    return text.length > n ? text.slice(0, n) + "…" : text;
  }

  function citeText(ev) {
    return (ev[0] ? "《" + ev[0] + "》" : "") + (ev[1] ? " " + ev[1] : "");
  }

  function facts(i) {
    return [
      ["别名", i.aliases.join("、")],
      ["职务", i.posts.join("、")],
      ["署名", i.roles.join("、")],
      ["日期", dateText(i)],
      ["报道", reportedText(i)],
    ].filter((row) => row[1]);
  }

  /* Hover card: vis-network shows an Element title as is. */
  function hoverCard(id) {
    const i = info[id];
    const box = el("div", "tip");
    const head = el("div", "tip-head", i.label);
    head.appendChild(el("span", "tip-kind", kindText(i)));
    box.appendChild(head);
    for (const [k, v] of facts(i)) {
      const row = el("div", "tip-row");
      row.appendChild(el("span", "k", k + "："));
      row.appendChild(document.createTextNode(clip(v, 80)));
      box.appendChild(row);
    }
    for (const ev of i.evidence.slice(0, 2)) {
      const q = el("div", "tip-ev", "“" + clip(ev[2], 90) + "”");
      q.appendChild(el("cite", null, citeText(ev)));
      box.appendChild(q);
    }
    const more = i.evidence_count - Math.min(2, i.evidence.length);
    if (more > 0) box.appendChild(el("div", "tip-more", "另有 " + more + " 句证据，点击节点查看"));
    return box;
  }

  /* ---- highlight the selected node's neighbourhood -------------------------------------- */
  const DIM_NODE = { background: "#eceef1", border: "#d5d9de",
    highlight: { background: "#eceef1", border: "#1f2328" }, hover: { background: "#eceef1", border: "#8c959f" } };
  const DIM_EDGE = { color: "rgba(170,178,189,0.18)", highlight: "#d55e00", hover: "#57606a" };

  /* ---- labels ---------------------------------------------------------------------------
   * Map-style: a label keeps its size on screen (n.lpx pixels) whatever the zoom, and is drawn
   * only from the zoom at which it covers no label of a better-ranked node (n.rank: the centres
   * of a focused view first, then the best-connected). So no two drawn labels overlap at any
   * zoom, and zooming in reveals the labels of minor nodes. A hidden label is given a size below
   * vis-network's drawThreshold. */
  const LABEL_PAD = 2;  // pixels of free space kept around a label
  const LINE = 1.0;  // a label line's height, in font sizes (vis-network's own measure)
  const labelSize = new Map(DATA.nodes.map((n) => [n.id, n.font.size]));
  const labelZoom = new Map();  // node id -> the least scale at which its label is drawn
  let dimmed = null;  // the set of nodes left bright by highlight(), or null

  function nodeStyle(id) {
    const font = Object.assign({}, baseNode.get(id).font, { size: labelSize.get(id) });
    if (dimmed && !dimmed.has(id)) return { id: id, color: DIM_NODE, font: Object.assign(font, { color: "#b8bec6" }) };
    return { id: id, color: baseNode.get(id).color, font: font };
  }

  /* The screen box of each label at scale 1 below its node, in rank order. */
  function labelBoxes() {
    const pos = api.network.getPositions();
    const ctx = document.createElement("canvas").getContext("2d");
    return DATA.nodes.filter((n) => n.label && !hiddenKinds.has(legendOf.get(n.id)))
      .sort((a, b) => a.rank - b.rank)
      .map((n) => {
        ctx.font = n.lpx + "px " + n.font.face;
        const lines = n.label.split("\n");
        const width = Math.max(...lines.map((line) => ctx.measureText(line).width));
        return { id: n.id, x: pos[n.id].x, y: pos[n.id].y + (n.size || 0),
          w: width + 2 * LABEL_PAD, h: lines.length * n.lpx * LINE + 2 * LABEL_PAD };
      });
  }

  /* For each label, the least scale from which it is clear of every better-ranked label that
   * is drawn by then: two boxes part along x from (wa + wb) / 2|dx|, along y from h / |dy|. */
  function placeLabels() {
    const boxes = labelBoxes();
    const zoom = new Float64Array(boxes.length);
    for (let i = 0; i < boxes.length; i++) {
      const a = boxes[i];
      let least = 0;
      for (let j = 0; j < i; j++) {
        const b = boxes[j];
        const dx = Math.abs(a.x - b.x), dy = a.y - b.y;
        const sx = dx > 0 ? (a.w + b.w) / (2 * dx) : Infinity;
        const sy = dy > 0 ? b.h / dy : dy < 0 ? a.h / -dy : Infinity;
        const apart = Math.min(sx, sy);
        if (apart > zoom[j] && apart > least) least = apart;
      }
      zoom[i] = least;
      labelZoom.set(a.id, least);
    }
  }

  function fitLabels() {
    const scale = api.network.getScale();
    const changed = [];
    for (const n of DATA.nodes) {
      const from = labelZoom.get(n.id);
      const want = from === undefined || scale < from ? 0.5 / scale : n.lpx / scale;
      const now = labelSize.get(n.id);
      if (Math.abs(want - now) > 0.02 * Math.max(want, now)) {
        labelSize.set(n.id, want);
        changed.push(n.id);
      }
    }
    if (changed.length) nodes.update(changed.map(nodeStyle));
  }
  api.labelZoom = labelZoom;
  api.fitLabels = fitLabels;

  function restoreStyles() {
    dimmed = null;
    nodes.update(DATA.nodes.map((n) => nodeStyle(n.id)));
    edges.update(DATA.edges.map((e) => ({ id: e.id, color: baseEdge.get(e.id).color, font: baseEdge.get(e.id).font })));
  }

  function highlight(id) {
    dimmed = new Set(api.network.getConnectedNodes(id));
    dimmed.add(id);
    nodes.update(DATA.nodes.map((n) => nodeStyle(n.id)));
    edges.update(DATA.edges.map((e) => (e.from === id || e.to === id)
      ? { id: e.id, color: baseEdge.get(e.id).color, font: baseEdge.get(e.id).font }
      : { id: e.id, color: DIM_EDGE, font: Object.assign({}, baseEdge.get(e.id).font, { color: "rgba(0,0,0,0)", strokeWidth: 0 }) }));
  }

  /* ---- details panel ------------------------------------------------------------------- */
  const detail = document.getElementById("kg-detail");

  function nodeLink(id) {
    const a = el("a", null, info[id].label);
    a.href = "#";
    a.addEventListener("click", (ev) => { ev.preventDefault(); select(id); });
    return a;
  }

  /* An edge's relation in words: its label, or (people overview) its unlabelled count. */
  function edgeText(e) {
    return e.say || e.label;
  }

  function showDetail(id) {
    const i = info[id];
    detail.replaceChildren();
    const h = el("h3");
    const glyph = el("span", null, kinds[i.kind].glyph);
    glyph.style.color = kinds[i.kind].color;
    h.appendChild(glyph);
    h.appendChild(el("span", "dlabel", i.label));
    detail.appendChild(h);
    detail.appendChild(el("div", "meta", kindText(i) + " · " + i.degree + " 条关系"));
    const dl = el("dl");
    for (const [k, v] of facts(i).concat([["标识", id.replace(/^.*?\/id\//, "")]])) {
      dl.appendChild(el("dt", null, k));
      dl.appendChild(el("dd", null, v));
    }
    const rels = edges.get({ filter: (e) => e.from === id || e.to === id });
    rels.sort((a, b) => (a.label + info[a.from === id ? a.to : a.from].label)
      .localeCompare(b.label + info[b.from === id ? b.to : b.from].label, "zh"));
    if (rels.length) {
      dl.appendChild(el("dt", null, "关系"));
      const dd = el("dd");
      for (const e of rels.slice(0, 40)) {
        const line = el("div");
        if (e.from === id) {
          line.appendChild(document.createTextNode(edgeText(e) + " → "));
          line.appendChild(nodeLink(e.to));
        } else {
          line.appendChild(nodeLink(e.from));
          line.appendChild(document.createTextNode(" " + edgeText(e) + " →"));
        }
        dd.appendChild(line);
      }
      if (rels.length > 40) dd.appendChild(el("div", "meta", "… 另有 " + (rels.length - 40) + " 条"));
      dl.appendChild(dd);
    }
    detail.appendChild(dl);
    if (i.evidence.length) {
      detail.appendChild(el("h2", null, "证据"));
      for (const ev of i.evidence) {
        const q = el("blockquote", null, ev[2]);
        q.appendChild(el("cite", null, citeText(ev)));
        detail.appendChild(q);
      }
      const more = i.evidence_count - i.evidence.length;
      if (more > 0) detail.appendChild(el("div", "meta", "另有 " + more + " 句证据未列出（kg query provenance 可查全部）"));
    }
    detail.hidden = false;
  }

  function clearSelection() {
    api.selected = null;
    detail.hidden = true;
    detail.replaceChildren();
    restoreStyles();
  }

  function select(id) {
    if (!(id in info)) return false;
    if (hiddenKinds.has(legendOf.get(id))) setKind(legendOf.get(id), true);
    api.selected = id;
    api.network.selectNodes([id]);
    highlight(id);
    showDetail(id);
    api.network.focus(id, { scale: Math.max(api.network.getScale(), 1.0), animation: { duration: 350 } });
    return true;
  }

  /* ---- kind filter --------------------------------------------------------------------- */
  function setKind(kind, visible) {
    if (visible) hiddenKinds.delete(kind); else hiddenKinds.add(kind);
    const box = document.querySelector('#kg-legend input[data-kind="' + kind + '"]');
    if (box) box.checked = visible;
    nodes.update(DATA.nodes.filter((n) => n.legend === kind).map((n) => ({ id: n.id, hidden: !visible })));
    if (api.stabilized) { placeLabels(); fitLabels(); }
  }

  for (const box of document.querySelectorAll("#kg-legend input[data-kind]")) {
    box.addEventListener("change", () => setKind(box.dataset.kind, box.checked));
  }

  /* ---- search -------------------------------------------------------------------------- */
  const index = DATA.nodes.map((n) => ({
    id: n.id, label: info[n.id].label, kind: info[n.id].kind, degree: info[n.id].degree,
    names: [info[n.id].label].concat(info[n.id].aliases).map((s) => s.toLowerCase()),
  }));

  function search(query) {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const score = (item) => item.names.some((s) => s === q) ? 0 : item.names.some((s) => s.startsWith(q)) ? 1 : 2;
    const shown = index.filter((item) => item.names.some((s) => s.includes(q)))
      .sort((a, b) => score(a) - score(b) || b.degree - a.degree || a.label.localeCompare(b.label, "zh"))
      .slice(0, 20)
      .map((item) => ({ id: item.id, label: item.label, kind: item.kind, shown: true }));
    const off = DATA.hidden.filter((h) => h[1].toLowerCase().includes(q)).slice(0, 5)
      .map((h) => ({ id: null, label: h[1], kind: h[0], shown: false }));
    return shown.concat(off);
  }

  const input = document.getElementById("kg-search");
  const list = document.getElementById("kg-results");
  let active = -1;

  function focusCommand(r) {
    const flag = r.kind === "person" ? "--person" : "--event";
    return "kg view " + DATA.source + " " + flag + " " + r.label;
  }

  function renderResults() {
    const results = search(input.value);
    list.replaceChildren();
    active = -1;
    if (!input.value.trim()) { list.hidden = true; return; }
    if (!results.length) list.appendChild(el("li", "off", "没有找到“" + input.value.trim() + "”"));
    for (const r of results) {
      const li = el("li", r.shown ? "hit" : "off");
      const glyph = el("span", null, kinds[r.kind].glyph);
      glyph.style.color = kinds[r.kind].color;
      li.appendChild(glyph);
      li.appendChild(el("span", "rlabel", r.label));
      if (r.shown) {
        li.dataset.id = r.id;
        li.appendChild(el("span", "kindtag", kinds[r.kind].name));
        li.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(r.id); });
      } else {
        li.appendChild(el("span", "kindtag", "未显示"));
        li.appendChild(el("code", null, focusCommand(r)));
      }
      list.appendChild(li);
    }
    list.hidden = false;
  }

  function choose(id) {
    list.hidden = true;
    select(id);
  }

  input.addEventListener("input", renderResults);
  input.addEventListener("focus", () => { if (input.value.trim()) renderResults(); });
  input.addEventListener("blur", () => { list.hidden = true; });
  input.addEventListener("keydown", (ev) => {
    const hits = Array.from(list.querySelectorAll("li.hit"));
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!hits.length) return;
      ev.preventDefault();
      active = (active + (ev.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length;
      hits.forEach((li, k) => li.classList.toggle("active", k === active));
    } else if (ev.key === "Enter") {
      const li = hits[Math.max(active, 0)];
      if (li) choose(li.dataset.id);
    } else if (ev.key === "Escape") {
      list.hidden = true;
    }
  });

  function reset() {
    input.value = "";
    list.hidden = true;
    for (const kind of Array.from(hiddenKinds)) setKind(kind, true);
    api.network.unselectAll();
    clearSelection();
    api.network.fit({ animation: { duration: 300 } });
  }
  document.getElementById("kg-reset").addEventListener("click", reset);

  /* ---- the network ------------------------------------------------------------------------ */
  nodes.update(DATA.nodes.map((n) => ({ id: n.id, title: hoverCard(n.id) })));
  const network = new vis.Network(document.getElementById("kg-network"), { nodes: nodes, edges: edges }, DATA.options);
  api.network = network;

  /* Unconnected nodes take no part in the physics: line them up below the drawing. */
  function shelveIsolated() {
    const lone = new Set(DATA.isolated);
    if (!lone.size) return;
    const pos = network.getPositions();
    let minX = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const id in pos) {
      if (lone.has(id)) continue;
      minX = Math.min(minX, pos[id].x); maxX = Math.max(maxX, pos[id].x); maxY = Math.max(maxY, pos[id].y);
    }
    if (maxY === -Infinity) { minX = 0; maxX = 0; maxY = -120; }
    const stepX = 165, stepY = 80;
    const cols = Math.max(1, Math.min(lone.size, Math.floor((maxX - minX) / stepX) + 1, 8));
    const left = (minX + maxX) / 2 - ((cols - 1) * stepX) / 2;
    DATA.isolated.forEach((id, k) => {
      network.moveNode(id, left + (k % cols) * stepX, maxY + 120 + Math.floor(k / cols) * stepY);
    });
  }

  function ready() {
    if (api.stabilized) return;
    if (DATA.physics) {
      network.setOptions({ physics: { enabled: false } });
      shelveIsolated();
    }
    network.fit({ animation: false });
    placeLabels();
    fitLabels();
    api.stabilized = true;
    api.stabilizedAt = performance.now();
    document.body.dataset.state = "ready";
  }

  if (!DATA.nodes.length) ready();
  else if (DATA.physics) {
    network.once("stabilizationIterationsDone", ready);
    network.once("stabilized", ready);
  } else network.once("afterDrawing", ready);

  /* Any change of scale (the wheel, a focus animation, a fit) sets the labels again. */
  let fittedScale = null, fitPending = false;
  network.on("afterDrawing", () => {
    if (!api.stabilized || fitPending || network.getScale() === fittedScale) return;
    fitPending = true;
    requestAnimationFrame(() => { fitPending = false; fittedScale = network.getScale(); fitLabels(); });
  });

  network.on("dragEnd", (params) => {  // a moved node: its label and its neighbours' are placed again
    if (params.nodes.length) { placeLabels(); fitLabels(); }
  });

  for (const a of document.querySelectorAll("a[data-node]")) {
    a.addEventListener("click", (ev) => { ev.preventDefault(); select(a.dataset.node); });
  }

  network.on("click", (params) => {
    if (params.nodes.length) select(params.nodes[0]);
    else if (api.selected !== null) { network.unselectAll(); clearSelection(); }
  });

  api.search = search;
  api.select = select;
  api.setKind = setKind;
  api.reset = reset;
})();
