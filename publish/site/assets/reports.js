/* xxgk reports index: filters, search, sort and pages over index shards loaded on demand.
   Works from file:// (data come as <script> files that call xxgkSummary / xxgkShard, never fetch())
   and from any web server. The filter lives in the URL's hash, so a link shows the same rows. */
(function () {
  'use strict';
  var S = null;            // data/summary.js
  var shards = {};         // shard id -> expanded rows
  var waiting = {};        // shard id -> callbacks
  var STATUS = { f: 'flagged', p: 'partial', x: 'failed', o: 'ok' };
  var RANK = { flagged: 0, partial: 1, failed: 2, ok: 3 };
  var LABEL = { flagged: '数据不符', partial: '部分读出', failed: '未能读取', ok: '通过' };
  var PAGE = 50;

  window.xxgkSummary = function (s) { S = s; };
  window.xxgkShard = function (id, d) {
    shards[id] = expand(d);
    var w = waiting[id];
    delete waiting[id];
    (w || []).forEach(function (f) { f(); });
  };

  function expand(d) {
    var rows = new Array(d.id.length);
    for (var i = 0; i < d.id.length; i++) {
      rows[i] = {
        id: d.id[i], y: d.y[i], nm: d.nm[i], ak: d.ak[i], rg: d.rg[i], st: STATUS[d.st[i]],
        fm: d.fm[i], rv: d.rv[i], e: d.e[i], w: d.w[i], ru: d.ru[i],
        k: [d.k[0][i], d.k[1][i], d.k[2][i], d.k[3][i]]
      };
      rows[i].lc = rows[i].nm.toLowerCase();
    }
    return rows;
  }

  function load(id) {
    return new Promise(function (resolve, reject) {
      if (shards[id]) return resolve();
      if (waiting[id]) { waiting[id].push(resolve); return; }
      waiting[id] = [resolve];
      var s = document.createElement('script');
      s.src = 'data/idx/' + id + '.js';
      s.onerror = function () { reject(new Error('cannot load ' + s.src)); };
      document.head.appendChild(s);
    });
  }

  // ---- state <-> URL hash ----
  function parse(hash) {
    var st = { r: '', y: '', s: [], rule: '', f: '', q: '', sort: '', p: 1 };
    (hash || '').replace(/^#/, '').split('&').forEach(function (kv) {
      if (!kv) return;
      var i = kv.indexOf('=');
      var k = decodeURIComponent(i < 0 ? kv : kv.slice(0, i));
      var v = i < 0 ? '' : decodeURIComponent(kv.slice(i + 1).replace(/\+/g, ' '));
      if (k === 's') st.s = v ? v.split(',') : [];
      else if (k === 'p') st.p = Math.max(1, parseInt(v, 10) || 1);
      else if (k in st) st[k] = v;
    });
    return st;
  }
  function encode(st) {
    var out = [];
    ['r', 'y', 's', 'rule', 'f', 'q', 'sort', 'p'].forEach(function (k) {
      var v = k === 's' ? st.s.join(',') : String(st[k]);
      if (v && !(k === 'p' && v === '1')) out.push(k + '=' + encodeURIComponent(v));
    });
    return out.join('&');
  }
  function isDefault(st) {
    return !st.r && !st.y && !st.s.length && !st.rule && !st.f && !st.q && !st.sort && st.p === 1;
  }

  // ---- which shards a filter needs ----
  function regionMatch(code, r) { return r === '_' ? code === '' : code.lastIndexOf(r, 0) === 0; }
  function shardNeeded(sh, st) {
    var group = sh[1], year = sh[2], counts = sh[4];
    if (st.y && String(year) !== st.y) return false;
    if (st.r) {
      if (st.r === '_') { if (group.charAt(0) !== '_') return false; }
      else if (group.charAt(0) === '_' || !(group.lastIndexOf(st.r, 0) === 0 || st.r.lastIndexOf(group, 0) === 0)) return false;
    }
    if (st.s.length && !st.s.some(function (s) { return counts[s] > 0; })) return false;
    return true;
  }

  function comparator(sort) {
    var desc = sort.charAt(0) === '-';
    var key = desc ? sort.slice(1) : sort;
    var byDefault = function (a, b) {
      return RANK[a.st] - RANK[b.st] || (b.y || 0) - (a.y || 0) || (a.nm < b.nm ? -1 : a.nm > b.nm ? 1 : 0) || a.id - b.id;
    };
    if (!key) return byDefault;
    var get;
    if (key === 'st') get = function (r) { return RANK[r.st]; };
    else if (key === 'rg') get = function (r) { return regionName(r.rg); };
    else if (key === 'e') get = function (r) { return r.e * 100000 + r.w; };
    else if (key.charAt(0) === 'k') { var n = +key.slice(1); get = function (r) { return r.k[n]; }; }
    else get = function (r) { return r[key]; };
    return function (a, b) {
      var x = get(a), y = get(b);
      // a missing value (blank figure, no year) sorts last either way
      if (x === null || x === undefined) return y === null || y === undefined ? byDefault(a, b) : 1;
      if (y === null || y === undefined) return -1;
      var c = x < y ? -1 : x > y ? 1 : 0;
      return (desc ? -c : c) || byDefault(a, b);
    };
  }

  // ---- regions ----
  var regionByCode = {}, children = {};
  function regionName(code) { var n = regionByCode[code]; return n ? n[1] : ''; }
  function regionPath(code) {
    var n = regionByCode[code], out = [];
    while (n) { out.unshift(n[1]); n = n[3] >= 0 ? S.regions[n[3]] : null; }
    return out.join(' › ');
  }

  // ---- drawing ----
  var els = {}, state = null, generation = 0;
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function num(v) { return v === null || v === undefined ? '—' : Number(v).toLocaleString('en-US'); }
  function reportHref(id) { return 'r/' + Math.floor(id / 1000) + '/' + id + '.html'; }
  function agencyHref(ak) { return 'a/' + ak.slice(0, 2) + '/' + ak + '.html'; }

  function draw(rows, total, st) {
    var html = [];
    rows.forEach(function (r) {
      html.push('<tr data-id="' + r.id + '" data-status="' + r.st + '"><td class="agency"><a href="' + reportHref(r.id) + '">' +
        esc(r.nm) + '</a>' + (r.ak ? ' <a class="ag" href="' + agencyHref(r.ak) + '" title="机关页面">▸</a>' : '') +
        (r.rv > 1 ? ' <span class="note">第' + r.rv + '版</span>' : '') + '</td><td class="region">' + esc(regionPath(r.rg)) +
        '</td><td class="n year">' + (r.y || '—') + '</td><td><span class="badge ' + r.st + '">' + LABEL[r.st] +
        '</span></td><td class="n findings">' + r.e + (r.w ? ' / ' + r.w : '') + '</td><td>' + esc(r.fm) + '</td>' +
        r.k.map(function (v, i) { return '<td class="n k' + i + '">' + num(v) + '</td>'; }).join('') + '</tr>');
    });
    els.body.innerHTML = html.join('');
    var pages = Math.max(1, Math.ceil(total / PAGE));
    els.count.textContent = total.toLocaleString('en-US');
    els.page.textContent = st.p + ' / ' + pages;
    els.prev.disabled = st.p <= 1;
    els.next.disabled = st.p >= pages;
    Array.prototype.forEach.call(els.head.querySelectorAll('th'), function (th) {
      var k = th.getAttribute('data-sort');
      var on = st.sort === k || st.sort === '-' + k;
      th.classList.toggle('sorted', on);
      th.classList.toggle('desc', on && st.sort.charAt(0) === '-');
    });
    document.documentElement.setAttribute('data-draws', String((+document.documentElement.getAttribute('data-draws') || 0) + 1));
    document.documentElement.setAttribute('data-ready', '1');
  }

  function render() {
    var st = state, gen = ++generation;
    if (isDefault(st)) {  // the first view: computed when the site was built, no shard loaded
      els.status.textContent = '';
      draw(S.first, S.total, st);
      return;
    }
    var need = S.shards.filter(function (sh) { return shardNeeded(sh, st); }).map(function (sh) { return sh[0]; });
    var missing = need.filter(function (id) { return !shards[id]; });
    if (missing.length) els.status.textContent = '正在载入 ' + missing.length + ' 个索引分片… loading ' + missing.length + ' index shards';
    Promise.all(need.map(load)).then(function () {
      if (gen !== generation) return;
      var q = st.q.toLowerCase(), year = st.y ? +st.y : 0;
      var out = [];
      need.forEach(function (id) {
        var rows = shards[id];
        for (var i = 0; i < rows.length; i++) {
          var r = rows[i];
          if (st.r && !regionMatch(r.rg, st.r)) continue;
          if (year && r.y !== year) continue;
          if (st.s.length && st.s.indexOf(r.st) < 0) continue;
          if (st.rule && r.ru.indexOf(st.rule) < 0) continue;
          if (st.f && r.fm !== st.f) continue;
          if (q && r.lc.indexOf(q) < 0) continue;
          out.push(r);
        }
      });
      out.sort(comparator(st.sort));
      var pages = Math.max(1, Math.ceil(out.length / PAGE));
      if (st.p > pages) st.p = pages;
      els.status.textContent = '';
      draw(out.slice((st.p - 1) * PAGE, st.p * PAGE), out.length, st);
    }, function (e) { els.status.textContent = String(e.message || e); });
  }

  function go(change) {
    var st = parse(location.hash);
    Object.keys(change).forEach(function (k) { st[k] = change[k]; });
    if (!('p' in change)) st.p = 1;
    var h = encode(st);
    if (('#' + h) === (location.hash || '#') || (h === '' && !location.hash)) { state = st; render(); return; }
    location.hash = h;  // hashchange renders (and the back button works)
  }

  function controls() {
    state = parse(location.hash);
    els.year.value = state.y;
    els.rule.value = state.rule;
    els.format.value = state.f;
    if (document.activeElement !== els.q) els.q.value = state.q;
    Array.prototype.forEach.call(els.statuses.querySelectorAll('input'), function (c) { c.checked = state.s.indexOf(c.value) >= 0; });
    Array.prototype.forEach.call(els.tree.querySelectorAll('a.sel'), function (a) { a.classList.remove('sel'); });
    if (state.r) openTo(state.r);
    els.regionNow.textContent = state.r ? (state.r === '_' ? '未定位地区' : regionPath(state.r)) : '全部地区';
  }

  // ---- the region tree, drawn a level at a time ----
  function treeItems(parent) {
    return (children[parent] || []).map(function (i) {
      var n = S.regions[i], has = (children[i] || []).length > 0;
      return '<li data-code="' + esc(n[0]) + '">' + (has ? '<button class="tw" data-node="' + i + '">▸</button>' : '<span class="tw"></span>') +
        '<a href="#" data-region="' + esc(n[0]) + '">' + esc(n[1]) + '</a><span class="c">' + n[4] + '</span></li>';
    }).join('');
  }
  function expandNode(li, i) {
    if (li.querySelector('ul')) return;
    li.insertAdjacentHTML('beforeend', '<ul class="tree">' + treeItems(i) + '</ul>');
    li.querySelector('button.tw').textContent = '▾';
  }
  function openTo(code) {
    var chain = [], n = regionByCode[code];
    while (n) { chain.unshift(n); n = n[3] >= 0 ? S.regions[n[3]] : null; }
    chain.forEach(function (node) {
      var li = els.tree.querySelector('li[data-code="' + node[0] + '"]');
      if (li && node !== chain[chain.length - 1]) expandNode(li, S.regions.indexOf(node));
    });
    var a = els.tree.querySelector('a[data-region="' + code + '"]');
    if (a) a.classList.add('sel');
  }

  function init() {
    if (!S) { document.getElementById('status').textContent = 'data/summary.js 未载入 (not loaded)'; return; }
    ['body', 'head', 'count', 'page', 'prev', 'next', 'status', 'year', 'rule', 'format', 'q', 'statuses', 'tree', 'regionNow'].forEach(function (id) {
      els[id] = document.getElementById(id);
    });
    S.regions.forEach(function (n, i) {
      regionByCode[n[0]] = n;
      (children[n[3]] = children[n[3]] || []).push(i);
    });
    els.tree.innerHTML = treeItems(-1) + (S.unplaced ? '<li><span class="tw"></span><a href="#" data-region="_">未定位地区 unplaced</a><span class="c">' + S.unplaced + '</span></li>' : '');
    els.tree.addEventListener('click', function (ev) {
      var t = ev.target;
      if (t.matches('button.tw')) { var li = t.parentNode, ul = li.querySelector('ul'); if (ul) { ul.remove(); t.textContent = '▸'; } else expandNode(li, +t.getAttribute('data-node')); }
      else if (t.matches('a[data-region]')) { ev.preventDefault(); go({ r: t.getAttribute('data-region') }); }
    });
    document.getElementById('allRegions').addEventListener('click', function (ev) { ev.preventDefault(); go({ r: '' }); });
    els.year.addEventListener('change', function () { go({ y: els.year.value }); });
    els.rule.addEventListener('change', function () { go({ rule: els.rule.value }); });
    els.format.addEventListener('change', function () { go({ f: els.format.value }); });
    els.statuses.addEventListener('change', function () {
      go({ s: Array.prototype.filter.call(els.statuses.querySelectorAll('input'), function (c) { return c.checked; }).map(function (c) { return c.value; }) });
    });
    var timer = 0;
    els.q.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(function () { go({ q: els.q.value.trim() }); }, 200); });
    els.head.addEventListener('click', function (ev) {
      var k = ev.target.getAttribute('data-sort');
      if (!k) return;
      var st = parse(location.hash);
      go({ sort: st.sort === k ? '-' + k : k });
    });
    els.prev.addEventListener('click', function () { go({ p: Math.max(1, state.p - 1) }); });
    els.next.addEventListener('click', function () { go({ p: state.p + 1 }); });
    window.addEventListener('hashchange', function () { controls(); render(); });
    controls();
    render();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
