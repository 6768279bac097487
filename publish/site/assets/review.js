/* xxgk audit site: verdicts on findings, kept in this browser (localStorage, shared by every page of
   the site) and downloaded as the TSV `xxgk review import` reads: the header and columns `xxgk review
   export` writes, one line per finding marked, oldest first. No server: the auditor imports the file.
   A page's reviewable findings are the <li data-key> items; #review-data holds, per key, what a TSV
   line needs beyond the key: [rule, figures, agency_id, year, agency]. */
(function () {
  'use strict';
  var STORE = 'xxgk-reviews', WHO = 'xxgk-reviewer';
  var HEADER = ['finding_key', 'verdict', 'note', 'reviewer', 'reviewed_at', 'figures', 'agency_id', 'year', 'rule'];
  var LABEL = { confirmed: '确认有误', dismissed: '排除', open: '待查' };
  var data = { root: '', page: '', f: {} };

  function marks() {
    try { var v = JSON.parse(localStorage.getItem(STORE) || '[]'); return Array.isArray(v) ? v : []; } catch (e) { return []; }
  }
  function save(list) { localStorage.setItem(STORE, JSON.stringify(list)); }
  function reviewer() { return (localStorage.getItem(WHO) || '').trim(); }
  // RFC 3339 UTC to the second, the form xxgk stores reviewed_at in.
  function now() { return new Date().toISOString().replace(/\.\d+Z$/, 'Z'); }
  // audit/reviews.cpp's escaping: \ tab newline CR as \\ \t \n \r.
  function field(s) {
    return String(s === null || s === undefined ? '' : s).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  }
  function ordered(list) {  // oldest first, as `xxgk review export`; marks made in one second keep their order
    return list.map(function (m, i) { return [m, i]; }).sort(function (a, b) {
      return a[0].at < b[0].at ? -1 : a[0].at > b[0].at ? 1 : a[1] - b[1];
    }).map(function (x) { return x[0]; });
  }
  function tsv(list) {
    return HEADER.join('\t') + '\n' + ordered(list).map(function (m) {
      return [m.key, m.verdict, m.note, m.reviewer, m.at, m.figures, m.agency_id, m.year, m.rule].map(field).join('\t') + '\n';
    }).join('');
  }
  function esc(s) {
    return String(s === null || s === undefined ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  var els = {};
  function say(text) { if (els.msg) els.msg.textContent = text; }

  // Records a verdict on the finding with this key (one mark per finding: a new one replaces it).
  function mark(key, verdict, note) {
    var who = reviewer(), f = data.f[key];
    if (!f) return false;
    if (!who) { say('请先填写复核人 enter who is reviewing first'); els.who.focus(); return false; }
    var list = marks().filter(function (m) { return m.key !== key; });
    list.push({ key: key, verdict: verdict, note: note, reviewer: who, at: now(), figures: f[1], agency_id: f[2], year: f[3],
                rule: f[0], agency: f[4], page: data.page });
    save(list);
    say('');
    return true;
  }

  function mine(key) {
    var list = marks();
    for (var i = 0; i < list.length; i++) if (list[i].key === key) return list[i];
    return null;
  }

  function showMark(li) {
    var m = mine(li.getAttribute('data-key')), span = li.querySelector('.rv-mine');
    li.setAttribute('data-marked', m ? m.verdict : '');
    span.textContent = m ? ' · 本浏览器标记 marked here: ' + LABEL[m.verdict] + ' ' + m.verdict + (m.note ? ' · ' + m.note : '') : '';
  }

  function controls() {
    Array.prototype.forEach.call(document.querySelectorAll('li[data-key]'), function (li) {
      var key = li.getAttribute('data-key');
      if (!data.f[key] || li.querySelector('details.rv')) return;
      li.insertAdjacentHTML('beforeend', '<details class="rv"><summary>复核 review<span class="rv-mine"></span></summary>' +
        '<input class="rv-note" placeholder="说明 note"> ' +
        ['confirmed', 'dismissed', 'open'].map(function (v) {
          return '<button type="button" data-verdict="' + v + '">' + LABEL[v] + ' ' + v + '</button>';
        }).join(' ') + '</details>');
      var m = mine(key);
      if (m) li.querySelector('.rv-note').value = m.note;
      showMark(li);
      li.querySelector('details.rv').addEventListener('click', function (ev) {
        var v = ev.target.getAttribute && ev.target.getAttribute('data-verdict');
        if (!v) return;
        if (mark(key, v, li.querySelector('.rv-note').value)) {
          Array.prototype.forEach.call(document.querySelectorAll('li[data-key="' + key + '"]'), showMark);
          list();
        }
      });
    });
  }

  function list() {
    var all = ordered(marks());
    els.count.textContent = String(all.length);
    els.download.disabled = all.length === 0;
    els.body.innerHTML = all.map(function (m) {
      return '<tr data-key="' + esc(m.key) + '"><td>' + (m.page ? '<a href="' + esc(data.root + m.page) + '">' + esc(m.agency) + '</a>' : esc(m.agency)) +
        '</td><td class="n">' + esc(m.year) + '</td><td class="rule">' + esc(m.rule) + '</td><td class="verdict">' + esc(m.verdict) +
        '</td><td>' + esc(m.note) + '</td><td>' + esc(m.reviewer) + '</td><td>' + esc(m.at) +
        '</td><td><button type="button" class="rv-drop">删除 remove</button></td></tr>';
    }).join('');
  }

  function download() {
    var blob = new Blob([tsv(marks())], { type: 'text/tab-separated-values;charset=utf-8' });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'xxgk-reviews.tsv';
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 5000);
  }

  function panel() {
    var main = document.querySelector('main');
    var onList = document.body.classList.contains('reviews');
    main.insertAdjacentHTML('beforeend', '<section class="panel review-panel" id="review-panel"><h2>复核标记 review marks ' +
      '<small class="note">保存在本浏览器中，下载后用 <code>xxgk review --db FILE import xxgk-reviews.tsv</code> 导入 kept in this browser; ' +
      'download them and import them into the store</small></h2>' +
      '<label>复核人 reviewer <input id="rv-who" size="12"></label> <span>标记 marks: <b id="rv-count">0</b></span> ' +
      '<button type="button" id="rv-download">下载 TSV download</button> <button type="button" id="rv-clear">清空 clear</button> ' +
      (onList ? '' : '<a href="' + esc(data.root) + 'reviews.html">全部标记 all marks</a> ') + '<span class="note" id="rv-msg"></span>' +
      '<details id="rv-list"' + (onList ? ' open' : '') + '><summary>列出 list</summary><table class="data"><thead><tr><th>机关 agency</th>' +
      '<th>年度</th><th>规则 rule</th><th>结论 verdict</th><th>说明 note</th><th>复核人 reviewer</th><th>时间 at</th><th></th></tr></thead>' +
      '<tbody id="rv-body"></tbody></table></details></section>');
    ['who', 'count', 'download', 'clear', 'msg', 'body'].forEach(function (id) { els[id] = document.getElementById('rv-' + id); });
    els.who.value = reviewer();
    els.who.addEventListener('change', function () { localStorage.setItem(WHO, els.who.value.trim()); say(''); });
    els.download.addEventListener('click', download);
    els.clear.addEventListener('click', function () {
      if (!window.confirm('清空本浏览器中的全部标记？ Remove every mark kept in this browser?')) return;
      save([]);
      list();
      Array.prototype.forEach.call(document.querySelectorAll('li[data-key]'), function (li) { if (li.querySelector('.rv-mine')) showMark(li); });
    });
    els.body.addEventListener('click', function (ev) {
      if (!ev.target.classList.contains('rv-drop')) return;
      var key = ev.target.closest('tr').getAttribute('data-key');
      save(marks().filter(function (m) { return m.key !== key; }));
      list();
      Array.prototype.forEach.call(document.querySelectorAll('li[data-key="' + key + '"]'), function (li) { if (li.querySelector('.rv-mine')) showMark(li); });
    });
    window.addEventListener('storage', function (ev) { if (ev.key === STORE) list(); });  // marks made in another tab
  }

  function init() {
    var block = document.getElementById('review-data');
    if (block) data = JSON.parse(block.textContent);
    else data.root = document.body.getAttribute('data-root') || '';
    panel();
    controls();
    list();
    document.documentElement.setAttribute('data-review-ready', '1');
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
