// The site's review of findings in a real browser (issue 23): real reports from the corpus go
// through the real binary (`xxgk audit`) into a store, `xxgk site` builds the site, and the system's
// headless Chromium (playwright-core) marks two findings on two pages, as an auditor would: the marks
// are kept in the browser, listed, and downloaded as TSV. The download must be exactly the TSV
// `xxgk review export` writes for the same verdicts: `xxgk review import` takes it, sqlite3 shows
// both verdicts recorded with the finding's numbers, and the store's export is the same bytes.
// A rebuilt site then shows the verdicts and leaves the dismissed finding out of the open counts
// (overview, findings by rule, region and agency pages). And the indicators: on the overview and every
// region page as the ratio of the sums the store's indicators table gives, on an agency page its own
// (and its rank, or why it has none).
//
//   XXGK_BINARY=build/xxgk node --test tests/js/site_corpus.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const XXGK = resolve(process.env.XXGK_BINARY || 'build/xxgk');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
const DOCS = ['corpus/docx/testcity-2025-balance-broken.docx', 'corpus/docx/huaian-city-2024-text-mismatch.docx', 'corpus/docx/shanghai-office-2019.docx'];

let dir, db, site, browser;

function sql(query) {
  return execFileSync('sqlite3', ['-readonly', db, query], { encoding: 'utf8' }).trim();
}
function rowsOf(query) {
  const out = sql(query);
  return out ? out.split('\n').map((l) => l.split('|')) : [];
}
function url(page) {
  return 'file://' + join(site, page);
}
function reportPage(id) {
  return `r/${Math.floor(id / 1000)}/${id}.html`;
}
function buildSite() {
  return execFileSync(XXGK, ['site', '--db', db, '--out', site, '--jobs', '2'], { encoding: 'utf8' });
}
// audit/reviews.cpp's TSV escaping.
function field(s) {
  return String(s).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

before(async () => {
  if (!CHROMIUM) {
    if (process.env.CI) throw new Error('chromium is not installed; CI must have it (setup.sh test installs it)');
    return;
  }
  dir = mkdtempSync(join(tmpdir(), 'xxgk-site-corpus-'));
  db = join(dir, 'audit.sqlite');
  site = join(dir, 'site');
  execFileSync(XXGK, ['audit', ...DOCS, '--db', db, '--progress', 'none', '--jobs', '2'], { encoding: 'utf8' });
  buildSite();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// The failing finding of a current report with this rule: document, key, figures, agency id, year.
function finding(rule) {
  const rows = rowsOf(
    "SELECT f.document_id, f.finding_key, f.figures, coalesce(r.agency_id, 'name/' || r.agency_key), r.year FROM findings f " +
      'JOIN documents d ON d.id = f.document_id JOIN reports r ON r.document_id = d.id ' +
      `WHERE d.is_current = 1 AND f.status = 'fail' AND f.rule = '${rule}' ORDER BY f.seq LIMIT 1`,
  );
  assert.equal(rows.length, 1, `no failing ${rule} finding`);
  const [id, key, figures, agency, year] = rows[0];
  return { id: +id, key, figures, agency, year, rule };
}

async function markOn(page, f, verdict, note) {
  const li = page.locator(`li[data-key="${f.key}"]`).first();
  if (!(await li.locator('details.rv').evaluate((d) => d.open))) await li.locator('details.rv summary').click();
  await li.locator('.rv-note').fill(note);
  await li.locator(`details.rv button[data-verdict="${verdict}"]`).click();
  assert.equal(await li.getAttribute('data-marked'), verdict);
}

// The indicators as the site must show them, summed here from the store's indicators table: per group
// (year, role; the region's subtree when given) the ratio of the sums over the reports whose operands
// are all present. The store holds one report per agency and year, so every current report counts.
function expectedGroups(region) {
  const rows = rowsOf(
    "SELECT r.year, coalesce(r.region_role, 'unplaced'), i.indicator, coalesce(i.numerator, ''), coalesce(i.denominator, ''), i.marked " +
      'FROM indicators i JOIN reports r ON r.document_id = i.document_id JOIN documents d ON d.id = i.document_id ' +
      "WHERE d.is_current = 1 AND r.status <> 'failed' AND r.year IS NOT NULL" + (region ? ` AND r.region_code LIKE '${region}%'` : ''),
  );
  const groups = new Map();
  for (const [year, role, id, num, den, marked] of rows) {
    const k = `${year}|${role}|${id}`;
    const g = groups.get(k) || { year, role, id, n: 0, all: 0, num: 0, den: 0, marked: 0, rate: id !== 'requests.handled' };
    g.all++;
    if (num !== '' && (!g.rate || den !== '')) {
      g.n++;
      g.num += +num;
      g.den += g.rate ? +den : 0;
      g.marked += +marked;
    }
    groups.set(k, g);
  }
  return [...groups.values()];
}
const fmtNumber = (v) => (Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(2));
function shownGroup(g) {
  const value = g.n === 0 || (g.rate && g.den === 0) ? '—' : g.rate ? (100 * g.num / g.den).toFixed(2) + '%' : fmtNumber(g.num);
  const sums = g.n === 0 ? '—' : g.rate ? `${fmtNumber(g.num)} / ${fmtNumber(g.den)}` : fmtNumber(g.num);
  return [value, sums, `${g.n} / ${g.all}${g.marked ? ` ⚠${g.marked}` : ''}`];
}
async function shownIndicators(page) {
  return page.$$eval('table.indicators:not(.agency) td.value', (tds) => tds.map((td) => {
    const tr = td.closest('tr'), table = td.closest('table');
    return [table.dataset.year, td.dataset.role, tr.dataset.indicator, td.textContent, td.nextElementSibling.textContent,
      td.nextElementSibling.nextElementSibling.textContent.trim()].join('|');
  }));
}
function agencyPagePath(agencyKey) {
  const k = createHash('sha256').update(agencyKey).digest('hex').slice(0, 12);
  return `a/${k.slice(0, 2)}/${k}.html`;
}

test('the overview, each region page and an agency page show the indicators: ratio of the sums, sums, reports, formula', { skip: !CHROMIUM }, async () => {
  const page = await browser.newPage();
  await page.goto(url('index.html'));
  const expected = (region) => expectedGroups(region).map((g) => [g.year, g.role, g.id, ...shownGroup(g)].join('|')).sort();
  const all = expected('');
  assert.ok(all.length >= 3 * 12, all.join('\n'));
  assert.deepEqual((await shownIndicators(page)).sort(), all);
  // By hand: 测试市 2025 (not placed in a region) prints 予以公开 + 部分公开 = 7,716 of 13,810 decided, and
  // its requests table does not balance, so the rate is marked.
  assert.ok(all.includes('2025|unplaced|requests.substantive_disclosure_rate|55.87%|7,716 / 13,810|1 / 1 ⚠1'), all.join('\n'));
  assert.equal(
    await page.textContent('table.indicators[data-year="2025"] tr[data-indicator="requests.substantive_disclosure_rate"] td.formula'),
    '100 × (requests.granted.total + requests.partially_granted.total) / (requests.processed_total.total)',
  );
  // Every region page: the indicators of its subtree.
  const regions = rowsOf('SELECT code FROM regions ORDER BY code').map((r) => r[0]);
  assert.ok(regions.length >= 2, regions.join(' '));
  for (const code of regions) {
    await page.goto(url(`g/${code}.html`));
    assert.deepEqual((await shownIndicators(page)).sort(), expected(code), code);
  }
  // An agency page: its own values, year by year, as the record holds them.
  const [doc, agencyKey] = rowsOf("SELECT document_id, agency_key FROM reports WHERE agency = '测试市' AND year = 2025")[0];
  await page.goto(url(agencyPagePath(agencyKey)));
  const cell = 'table.indicators.agency tr[data-indicator="requests.substantive_disclosure_rate"] td:nth-of-type(2)';
  // 测试市 is not placed in a region, so no ranking places it (its rank, or why none, closes each cell).
  assert.equal(await page.textContent(cell), '55.87%⚠ 7,716 / 13,810 未定位 未排名');
  assert.equal(await page.getAttribute(`${cell} small.rank`, 'data-why'), 'unplaced');
  assert.equal(await page.getAttribute(cell, 'title'), 'requests.balance');
  const stored = rowsOf(
    `SELECT indicator, coalesce(value, ''), coalesce(numerator, ''), coalesce(denominator, ''), coalesce(null_reason, ''), marked FROM indicators WHERE document_id = ${doc} ORDER BY seq`,
  ).map(([id, value, num, den, reason, marked]) => {
    const rate = id !== 'requests.handled';
    const v = value === '' ? '—' : rate ? (+value).toFixed(2) + '%' : fmtNumber(+value);
    const detail = value === '' ? reason : rate ? `${fmtNumber(+num)} / ${fmtNumber(+den)}` : fmtNumber(+num);
    return `${id}|${v}${marked === '1' ? '⚠' : ''} ${detail} 未定位 未排名`;
  });
  assert.deepEqual(
    await page.$$eval('table.indicators.agency tbody tr', (trs) => trs.map((tr) => `${tr.dataset.indicator}|${tr.querySelector('td:nth-of-type(2)').textContent}`)),
    stored,
  );
  await page.close();
});

test('two findings marked on two pages download as the TSV `xxgk review import` takes, exactly as `export` writes it', { skip: !CHROMIUM }, async () => {
  const balance = finding('requests.balance');
  const mismatch = finding('text.vs_table');
  assert.notEqual(balance.id, mismatch.id);
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date('2026-12-07T03:10:05.250Z'));
  await page.goto(url(reportPage(balance.id)));
  await page.waitForSelector('html[data-review-ready="1"]');
  // Every failing finding of the report carries its key and a control; the page's data holds its numbers.
  const keys = rowsOf(`SELECT finding_key FROM findings WHERE document_id = ${balance.id} AND status = 'fail' ORDER BY seq`).map((r) => r[0]);
  assert.deepEqual([...new Set(await page.$$eval('li[data-key]', (lis) => lis.map((l) => l.dataset.key)))].sort(), [...new Set(keys)].sort());
  assert.equal(await page.locator('li[data-key] details.rv').count(), await page.locator('li[data-key]').count());
  // No reviewer yet: the mark is refused and says why.
  const li = page.locator(`li[data-key="${balance.key}"]`).first();
  await li.locator('details.rv summary').click();
  await li.locator('details.rv button[data-verdict="confirmed"]').click();
  assert.match(await page.textContent('#rv-msg'), /复核人/);
  assert.equal(await page.textContent('#rv-count'), '0');
  await page.fill('#rv-who', '审计员 王');
  await page.dispatchEvent('#rv-who', 'change');
  const note = 'balance off by the 2 withdrawn\trequests (see C:\\notes)';
  await markOn(page, balance, 'confirmed', note);
  assert.equal(await page.textContent('#rv-count'), '1');

  // Another report's page, a minute later: the marks are the browser's, shared by every page.
  const note2 = '正文与表格口径不同，不是错误';
  await page.clock.setFixedTime(new Date('2026-12-07T03:11:00Z'));
  await page.goto(url(reportPage(mismatch.id)));
  await page.waitForSelector('html[data-review-ready="1"]');
  assert.equal(await page.textContent('#rv-count'), '1');
  await markOn(page, mismatch, 'dismissed', note2);

  // Listed on reviews.html, and downloaded.
  await page.goto(url('reviews.html'));
  await page.waitForSelector('html[data-review-ready="1"]');
  assert.deepEqual(
    await page.$$eval('#rv-body tr', (trs) => trs.map((t) => [t.dataset.key, t.querySelector('.verdict').textContent])),
    [[balance.key, 'confirmed'], [mismatch.key, 'dismissed']],
  );
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#rv-download')]);
  assert.equal(download.suggestedFilename(), 'xxgk-reviews.tsv');
  const file = join(dir, 'xxgk-reviews.tsv');
  await download.saveAs(file);
  const tsv = readFileSync(file, 'utf8');
  const line = (f, verdict, n, at) => [f.key, verdict, field(n), '审计员 王', at, field(f.figures), f.agency, f.year, f.rule].join('\t') + '\n';
  const expected =
    'finding_key\tverdict\tnote\treviewer\treviewed_at\tfigures\tagency_id\tyear\trule\n' +
    line(balance, 'confirmed', note, '2026-12-07T03:10:05Z') +
    line(mismatch, 'dismissed', note2, '2026-12-07T03:11:00Z');
  assert.equal(tsv, expected);
  assert.ok(tsv.includes('withdrawn\\trequests (see C:\\\\notes)'), 'the tab and the backslash of the note are escaped');
  await context.close();

  // The store takes it: both verdicts recorded, with the numbers the finding shows (so in force, not `changed`).
  const out = execFileSync(XXGK, ['review', '--db', db, 'import', file], { encoding: 'utf8' });
  assert.equal(out, `xxgk review: 2 reviews added, 0 already there, from ${file}\n`);
  assert.deepEqual(rowsOf('SELECT finding_key, verdict, reviewer, reviewed_at, agency_id, year, rule FROM reviews ORDER BY id'), [
    [balance.key, 'confirmed', '审计员 王', '2026-12-07T03:10:05Z', balance.agency, balance.year, 'requests.balance'],
    [mismatch.key, 'dismissed', '审计员 王', '2026-12-07T03:11:00Z', mismatch.agency, mismatch.year, 'text.vs_table'],
  ]);
  assert.equal(sql(`SELECT note FROM reviews WHERE finding_key = '${balance.key}'`), note);
  assert.deepEqual(rowsOf(`SELECT DISTINCT finding_key, verdict FROM finding_verdicts WHERE finding_key IN ('${balance.key}', '${mismatch.key}') ORDER BY verdict`), [
    [balance.key, 'confirmed'],
    [mismatch.key, 'dismissed'],
  ]);
  assert.equal(execFileSync(XXGK, ['review', '--db', db, 'export', '-'], { encoding: 'utf8' }), tsv);
  // Importing the same file again adds nothing.
  assert.equal(execFileSync(XXGK, ['review', '--db', db, 'import', file], { encoding: 'utf8' }), `xxgk review: 0 reviews added, 2 already there, from ${file}\n`);

  // The rebuilt site shows the store's verdicts beside the findings (their pages rewritten: the
  // verdicts are part of a page's fingerprint) and leaves the dismissed finding out of every open count.
  const rebuilt = buildSite();
  assert.match(rebuilt, /written: 2 report pages, 2 agency pages/);
  const again = await browser.newPage();
  await again.goto(url(reportPage(mismatch.id)));
  assert.equal(await again.textContent(`li[data-key="${mismatch.key}"] .rv-store`), `已复核 reviewed: 排除 dismissed · 审计员 王 · 2026-12-07T03:11:00Z · ${note2}`);
  assert.equal(await again.getAttribute(`li[data-key="${mismatch.key}"]`, 'data-verdict'), 'dismissed');
  await again.goto(url(reportPage(balance.id)));
  assert.equal(await again.getAttribute(`li[data-key="${balance.key}"]`, 'data-verdict'), 'confirmed');

  const failing = (where) => +sql(`SELECT count(*) FROM findings f JOIN documents d ON d.id = f.document_id JOIN reports r ON r.document_id = d.id WHERE d.is_current = 1 AND f.status = 'fail'${where}`);
  // The overview: open findings and findings by rule (a confirmed finding stays open; the dismissed one is apart).
  await again.goto(url('index.html'));
  assert.equal(await again.textContent('#open-findings'), String(failing('') - 1));
  assert.equal(await again.textContent('#dismissed-findings'), '1');
  const byRule = async (rule) => again.$eval(`#by-rule tr[data-rule="${rule}"]`, (tr) => [tr.querySelector('.fail').textContent, tr.querySelector('.open').textContent, tr.querySelector('.dismissed').textContent]);
  const fails = (rule) => failing(` AND f.rule = '${rule}'`);
  assert.deepEqual(await byRule('text.vs_table'), [String(fails('text.vs_table')), String(fails('text.vs_table') - 1), '1']);
  assert.deepEqual(await byRule('requests.balance'), [String(fails('requests.balance')), String(fails('requests.balance')), '0']);
  // The region the dismissed finding's report sits in, and every region above it.
  const region = sql(`SELECT region_code FROM reports WHERE document_id = ${mismatch.id}`);
  assert.ok(region.length >= 2, `report ${mismatch.id} is not placed`);
  for (const code of rowsOf('SELECT code FROM regions ORDER BY code').map((r) => r[0])) {
    await again.goto(url(`g/${code}.html`));
    const inside = region.startsWith(code);
    assert.equal(await again.textContent('#open-findings'), String(failing(` AND r.region_code LIKE '${code}%'`) - (inside ? 1 : 0)), code);
    assert.equal(await again.textContent('#dismissed-findings'), inside ? '1' : '0', code);
  }
  // The agency pages: open findings year by year, dismissed ones apart.
  const agencyOf = (id) => sql(`SELECT agency_key FROM reports WHERE document_id = ${id}`);
  await again.goto(url(agencyPagePath(agencyOf(mismatch.id))));
  assert.equal(await again.textContent('table.years tr.open-findings td'), `${failing(` AND d.id = ${mismatch.id}`) - 1} （已排除 1）`);
  await again.goto(url(agencyPagePath(agencyOf(balance.id))));
  assert.equal(await again.textContent('table.years tr.open-findings td'), String(failing(` AND d.id = ${balance.id}`)));
  await again.close();
});
