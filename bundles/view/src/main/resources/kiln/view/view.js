// Kiln's model view: draws the graph and the memory plan from the JSON in #kiln-data.
// Plain DOM and SVG, no libraries; every text from the model goes in through textContent.
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg'; // the SVG namespace name, not a download
  var NODE_W = 250, NODE_H = 78, GAP_X = 36, GAP_Y = 54, IO_H = 34;
  var data = JSON.parse(document.getElementById('kiln-data').textContent);
  var ops = data.ops, tensors = data.tensors, model = data.model;
  var details = document.getElementById('details');
  var selectedNode = null;

  function svg(tag, attrs, parent) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) { e.setAttribute(k, attrs[k]); }
    if (parent) { parent.appendChild(e); }
    return e;
  }

  function text(parent, x, y, s, cls) {
    var t = svg('text', {x: x, y: y}, parent);
    if (cls) { t.setAttribute('class', cls); }
    t.textContent = s;
    return t;
  }

  function num(n) { return Number(n).toLocaleString('en-US'); }

  function bytes(n) {
    if (n < 1024) { return n + ' B'; }
    if (n < 1048576) { return (n / 1024).toFixed(1) + ' KB'; }
    return (n / 1048576).toFixed(2) + ' MB';
  }

  function si(n) {
    if (n >= 1e9) { return (n / 1e9).toFixed(2) + 'G'; }
    if (n >= 1e6) { return (n / 1e6).toFixed(2) + 'M'; }
    if (n >= 1e3) { return (n / 1e3).toFixed(1) + 'k'; }
    return String(n);
  }

  function shape(t) { return t.shape.length ? t.shape.join('x') : 'scalar'; }

  function quantText(q) {
    if (!q) { return 'not quantized'; }
    var s = 'scale ' + Number(q.scale).toPrecision(4) + ', zero point ' + q.zeroPoint;
    if (q.channels > 1) {
      s = q.channels + ' channels (axis ' + q.dimension + '), scales ' + Number(q.minScale).toPrecision(3)
        + ' to ' + Number(q.maxScale).toPrecision(3) + ', zero point ' + q.zeroPoint;
    }
    return s;
  }

  function quantShort(q) {
    if (!q) { return 'float / not quantized'; }
    if (q.channels > 1) { return q.channels + ' ch, zp ' + q.zeroPoint; }
    return 's=' + Number(q.scale).toPrecision(3) + ' zp=' + q.zeroPoint;
  }

  function unsupported(id) {
    var op = ops[parseInt(id.substring(2), 10)];
    return op.verdict && !op.verdict.supported;
  }

  // ---- layout: each op one row below the lowest row it reads from ----
  function layout() {
    var row = {}, rows = [];
    function place(id, r) {
      row[id] = r;
      (rows[r] = rows[r] || []).push(id);
    }
    model.inputs.forEach(function (t, k) { place('in' + k, 0); });
    var into = {};
    data.edges.forEach(function (e) { (into[e.to] = into[e.to] || []).push(e.from); });
    ops.forEach(function (op, i) {
      var r = 1;
      (into['op' + i] || []).forEach(function (from) { r = Math.max(r, (row[from] || 0) + 1); });
      place('op' + i, r);
    });
    model.outputs.forEach(function (t, k) {
      var r = 1;
      (into['out' + k] || []).forEach(function (from) { r = Math.max(r, (row[from] || 0) + 1); });
      place('out' + k, r);
    });
    var widest = 0;
    rows.forEach(function (ids) { if (ids) { widest = Math.max(widest, ids.length); } });
    var width = widest * (NODE_W + GAP_X) + GAP_X, pos = {}, y = 20;
    rows.forEach(function (ids) {
      if (!ids) { return; }
      var rowH = 0, x = (width - ids.length * (NODE_W + GAP_X) + GAP_X) / 2;
      ids.forEach(function (id) {
        var h = id.indexOf('op') !== 0 ? IO_H : NODE_H + (unsupported(id) ? 14 : 0);
        pos[id] = {x: x, y: y, w: NODE_W, h: h};
        x += NODE_W + GAP_X;
        rowH = Math.max(rowH, h);
      });
      y += rowH + GAP_Y;
    });
    return {pos: pos, width: width, height: y};
  }

  function drawGraph() {
    var view = document.getElementById('graph-view');
    var L = layout();
    var root = svg('svg', {width: L.width, height: L.height, id: 'graph'}, view);
    var edgeLayer = svg('g', {}, root), nodeLayer = svg('g', {}, root);
    data.edges.forEach(function (e) {
      var a = L.pos[e.from], b = L.pos[e.to];
      if (!a || !b) { return; }
      var x1 = a.x + a.w / 2, y1 = a.y + a.h, x2 = b.x + b.w / 2, y2 = b.y, my = (y1 + y2) / 2;
      var p = svg('path', {'class': 'edge', 'data-tensor': e.tensor,
        d: 'M' + x1 + ',' + y1 + ' C' + x1 + ',' + my + ' ' + x2 + ',' + my + ' ' + x2 + ',' + y2}, edgeLayer);
      svg('title', {}, p).textContent = tensors[e.tensor].name + ' ' + shape(tensors[e.tensor]);
      text(edgeLayer, (x1 + x2) / 2 + 4, my + 3, shape(tensors[e.tensor]) + ' · ' + bytes(e.bytes), 'edge-label');
    });
    var drawn = 0;
    ops.forEach(function (op, i) {
      var p = L.pos['op' + i];
      var cls = 'op-node' + (op.verdict ? (op.verdict.supported ? ' supported' : ' unsupported') : '');
      var g = svg('g', {'class': cls, 'data-op': i, transform: 'translate(' + p.x + ',' + p.y + ')'}, nodeLayer);
      svg('rect', {width: p.w, height: p.h, rx: 6}, g);
      var out = op.output === null ? null : tensors[op.output];
      text(g, 8, 16, '#' + i + ' ' + op.type, 'title');
      text(g, 8, 32, out ? shape(out) + ' ' + out.type : 'no output');
      text(g, 8, 47, out ? quantShort(out.quantization) : '');
      text(g, 8, 62, 'params ' + num(op.params) + ' · MACs ' + si(op.macs)
        + (op.verdict ? ' · ' + si(op.verdict.cycles) + ' cyc' : ''));
      if (op.verdict && !op.verdict.supported) {
        var why = 'not supported: ' + op.verdict.reason;
        text(g, 8, 76, why.length > 44 ? why.substring(0, 43) + '\u2026' : why, 'reason');
      }
      svg('title', {}, g).textContent = op.verdict && !op.verdict.supported ? op.verdict.reason : op.type;
      g.addEventListener('click', function () { selectOp(i, g); });
      drawn++;
    });
    function ioNode(id, label) {
      var p = L.pos[id];
      if (!p) { return; }
      var g = svg('g', {'class': 'io-node', transform: 'translate(' + p.x + ',' + p.y + ')'}, nodeLayer);
      svg('rect', {width: p.w, height: p.h, rx: 12}, g);
      text(g, 10, 21, label);
    }
    model.inputs.forEach(function (t, k) {
      ioNode('in' + k, 'input ' + tensors[t].name + ' ' + shape(tensors[t]) + ' ' + tensors[t].type);
    });
    model.outputs.forEach(function (t, k) {
      ioNode('out' + k, 'output ' + tensors[t].name + ' ' + shape(tensors[t]) + ' ' + tensors[t].type);
    });
    return drawn;
  }

  // ---- details panel ----
  function clear() {
    while (details.firstChild) { details.removeChild(details.firstChild); }
  }

  function heading(tag, s) {
    var h = document.createElement(tag);
    h.textContent = s;
    details.appendChild(h);
  }

  function table(rows) {
    var t = document.createElement('table');
    rows.forEach(function (r) {
      var tr = document.createElement('tr');
      r.forEach(function (c) {
        var td = document.createElement('td');
        td.textContent = c;
        tr.appendChild(td);
      });
      t.appendChild(tr);
    });
    details.appendChild(t);
  }

  function tensorRows(t) {
    return [['tensor', '#' + t.index + ' ' + t.name], ['shape', shape(t)], ['type', t.type],
      ['bytes', num(t.bytes)], ['quantization', quantText(t.quantization)],
      ['kind', t.constant ? 'constant' : t.variable ? 'variable' : 'activation']];
  }

  function selectOp(i, node) {
    var op = ops[i];
    if (selectedNode) { selectedNode.classList.remove('selected'); }
    selectedNode = node;
    node.classList.add('selected');
    clear();
    details.setAttribute('data-op', i);
    heading('h2', 'Op #' + i + ' ' + op.type);
    var rows = [['index', String(i)], ['type', op.type], ['parameters', num(op.params)],
      ['MACs', num(op.macs)], ['ops (MLTK profiler)', num(op.opsCount)]];
    if (op.verdict) {
      rows.push(['accelerator', model.accelerator.name]);
      rows.push(['supported', op.verdict.supported ? 'yes' : 'no']);
      if (op.verdict.reason) { rows.push(['reason', op.verdict.reason]); }
      rows.push(['cycles', num(op.verdict.cycles)]);
      rows.push(['accelerator cycles', num(op.verdict.acceleratorCycles)]);
      rows.push(['CPU cycles', num(op.verdict.cpuCycles)]);
      rows.push(['time', op.verdict.timeMs.toFixed(3) + ' ms']);
    }
    table(rows);
    var opts = Object.keys(op.options);
    if (opts.length) {
      heading('h3', 'Options');
      table(opts.map(function (k) { return [k, op.options[k]]; }));
    }
    op.inputs.forEach(function (t, k) {
      heading('h3', 'Input ' + k);
      table(t < 0 ? [['tensor', 'none (optional input)']] : tensorRows(tensors[t]));
    });
    op.outputs.forEach(function (t, k) {
      heading('h3', 'Output ' + k);
      table(tensorRows(tensors[t]));
    });
  }

  // ---- memory plan ----
  function drawMemory() {
    var view = document.getElementById('memory-view');
    var mem = data.memory, steps = ops.length + 1;
    var W = Math.max(600, steps * 40), H = 360, left = 70, top = 10;
    var scale = mem.planned > 0 ? H / mem.planned : 1;
    var root = svg('svg', {width: W + left + 20, height: H + top + 40, id: 'memory'}, view);
    svg('line', {'class': 'axis', x1: left, y1: top + H, x2: left + W, y2: top + H}, root);
    svg('line', {'class': 'axis', x1: left, y1: top, x2: left, y2: top + H}, root);
    text(root, 4, top + 10, bytes(mem.planned));
    text(root, 4, top + H, '0');
    var colW = W / steps;
    for (var s = 0; s < steps; s++) {
      text(root, left + s * colW + 2, top + H + 14, s === 0 ? 'in' : '#' + (s - 1));
    }
    text(root, left, top + H + 32, 'step (before op 0, then op #i); height: arena offset');
    mem.buffers.forEach(function (b, k) {
      if (b.first < 0) { return; }
      var hue = (b.tensor >= 0 ? b.tensor * 47 : k * 47) % 360;
      var r = svg('rect', {'class': 'buffer', 'data-buffer': k, x: left + b.first * colW,
        y: top + H - (b.offset + b.bytes) * scale, width: (b.last - b.first + 1) * colW,
        height: Math.max(1, b.bytes * scale), fill: 'hsl(' + hue + ',55%,62%)'}, root);
      svg('title', {}, r).textContent = b.name + ': ' + num(b.bytes) + ' B at ' + num(b.offset);
      r.addEventListener('click', function () { selectBuffer(k, r); });
      var w = (b.last - b.first + 1) * colW, hgt = b.bytes * scale;
      if (hgt >= 14 && w >= 40) {
        var label = (b.tensor >= 0 ? '#' + b.tensor + ' ' : '') + b.name, fit = Math.floor(w / 6.5);
        text(root, left + b.first * colW + 4, top + H - (b.offset + b.bytes) * scale + 12,
          label.length > fit ? label.substring(0, fit - 1) + '\u2026' : label, 'buffer-label');
      }
    });
    var t = document.createElement('table');
    t.className = 'plan';
    var head = document.createElement('tr');
    ['buffer', 'bytes', 'offset', 'first step', 'last step'].forEach(function (h) {
      var th = document.createElement('th');
      th.textContent = h;
      head.appendChild(th);
    });
    t.appendChild(head);
    mem.buffers.slice().sort(function (a, b) { return a.offset - b.offset; }).forEach(function (b) {
      var tr = document.createElement('tr');
      [b.name, num(b.bytes), num(b.offset), b.first, b.last].forEach(function (c, j) {
        var td = document.createElement('td');
        td.textContent = c;
        if (j === 0) { td.className = 'name'; td.title = c; }
        tr.appendChild(td);
      });
      t.appendChild(tr);
    });
    view.appendChild(t);
    var p = document.createElement('p');
    p.textContent = 'Arena ' + num(mem.total) + ' bytes on ' + mem.target + ' = planned '
      + num(mem.planned) + ' (the buffers above) + persistent ' + num(mem.persistent) + '.';
    view.appendChild(p);
    var more = document.createElement('details'), title = document.createElement('summary');
    title.textContent = mem.persistentItems.length + ' persistent runtime allocations';
    more.appendChild(title);
    var list = document.createElement('ul');
    mem.persistentItems.forEach(function (item) {
      var li = document.createElement('li');
      li.textContent = item;
      list.appendChild(li);
    });
    more.appendChild(list);
    view.appendChild(more);
  }

  function selectBuffer(k, node) {
    var b = data.memory.buffers[k];
    if (selectedNode) { selectedNode.classList.remove('selected'); }
    selectedNode = node;
    node.classList.add('selected');
    clear();
    details.removeAttribute('data-op');
    heading('h2', 'Buffer ' + b.name);
    var rows = [['bytes (16-aligned)', num(b.bytes)], ['arena offset', num(b.offset)],
      ['alive', 'steps ' + b.first + ' to ' + b.last]];
    if (b.op >= 0) { rows.push(['scratch of', 'op #' + b.op + ' ' + ops[b.op].type]); }
    table(rows);
    if (b.tensor >= 0) { table(tensorRows(tensors[b.tensor])); }
  }

  function show(which) {
    ['graph', 'memory'].forEach(function (v) {
      document.getElementById(v + '-view').classList.toggle('hidden', v !== which);
      document.getElementById('tab-' + v).classList.toggle('active', v === which);
    });
  }

  // ---- start ----
  var drawn = drawGraph();
  drawMemory();
  document.getElementById('tab-graph').addEventListener('click', function () { show('graph'); });
  document.getElementById('tab-memory').addEventListener('click', function () { show('memory'); });
  var summary = document.getElementById('summary');
  summary.setAttribute('data-ops', ops.length);
  summary.setAttribute('data-nodes', drawn);
  summary.setAttribute('data-edges', data.edges.length);
  summary.textContent = model.name + ': ' + ops.length + ' ops (' + drawn + ' drawn), '
    + num(model.params) + ' parameters, ' + si(model.macs) + ' MACs, arena ' + bytes(data.memory.total)
    + (model.accelerator ? ', accelerator ' + model.accelerator.name + ' (' + model.accelerator.unsupported
      + (model.accelerator.unsupported === 1 ? ' op' : ' ops') + ' not supported)' : '') + ' · ' + model.origin;
  // #select=N clicks op N (the same handler a mouse click runs); #view=memory opens the plan
  location.hash.replace(/^#/, '').split('&').forEach(function (part) {
    var kv = part.split('=');
    if (kv[0] === 'view' && kv[1] === 'memory') { show('memory'); }
    if (kv[0] === 'select') {
      var node = document.querySelector('.op-node[data-op="' + parseInt(kv[1], 10) + '"]');
      if (node) { node.dispatchEvent(new MouseEvent('click', {bubbles: true})); }
    }
  });
}());
