// The audit site in a real browser: a generated province is written into a real store
// (bench/site's xxgk_province_gen), `xxgk site` builds the site, and the system's headless Chromium,
// driven by playwright-core, opens it from file:// and is used as an auditor would: filters,
// search, sort, pages, the URL round trip, a report page's highlighted cells, an agency page.
// Every expected value is asked of the store itself with the sqlite3 command line.
//
//   XXGK_BINARY=build/xxgk XXGK_PROVINCE_GEN=build/xxgk_province_gen node --test tests/js/site.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const XXGK = process.env.XXGK_BINARY || 'build/xxgk';
const GEN = process.env.XXGK_PROVINCE_GEN || 'build/xxgk_province_gen';
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));

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
function buildSite() {
  return execFileSync(XXGK, ['site', '--db', db, '--out', site, '--jobs', '2'], { encoding: 'utf8' });
}

// The index's default order, as the store would give it (flagged, partial, failed, ok; latest year first; by name).
const DEFAULT_ORDER =
  "CASE r.status WHEN 'flagged' THEN 0 WHEN 'partial' THEN 1 WHEN 'failed' THEN 2 ELSE 3 END, r.year DESC, " +
  "coalesce(r.agency, replace(d.path, rtrim(d.path, replace(d.path, '/', '')), '')), d.id";
const CURRENT = 'FROM documents d JOIN reports r ON r.document_id = d.id WHERE d.is_current = 1';

async function shownRows(page) {
  return page.$$eval('#body tr', (trs) => trs.map((tr) => ({
    id: +tr.dataset.id, status: tr.dataset.status, name: tr.querySelector('td.agency a').textContent,
    year: tr.querySelector('td.year').textContent, received: tr.querySelector('td.k0').textContent,
  })));
}
async function nextDraw(page, action) {
  const before = await page.evaluate(() => +document.documentElement.getAttribute('data-draws') || 0);
  await action();
  await page.waitForFunction((n) => (+document.documentElement.getAttribute('data-draws') || 0) > n, before, { timeout: 10000 });
}

before(async () => {
  if (!CHROMIUM) {
    if (process.env.CI) throw new Error('chromium is not installed; CI must have it (setup.sh test installs it)');
    return;
  }
  dir = mkdtempSync(join(tmpdir(), 'xxgk-site-'));
  db = join(dir, 'province.sqlite');
  site = join(dir, 'site');
  execFileSync(GEN, ['--db', db, '--reports', '900', '--first-year', '2022', '--last-year', '2024', '--revised', '0.03', '--regions'], { encoding: 'utf8' });
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

test('the first view shows the first page in the default order without loading any shard', { skip: !CHROMIUM }, async () => {
  const page = await browser.newPage();
  const loaded = [];
  page.on('request', (r) => loaded.push(r.url()));
  await page.goto(url('reports.html'));
  await page.waitForSelector('html[data-ready="1"]');
  const total = +sql(`SELECT count(*) ${CURRENT}`);
  assert.equal(await page.textContent('#count'), total.toLocaleString('en-US'));
  const expected = rowsOf(`SELECT d.id ${CURRENT} ORDER BY ${DEFAULT_ORDER} LIMIT 50`).map((r) => +r[0]);
  assert.deepEqual((await shownRows(page)).map((r) => r.id), expected);
  assert.equal(loaded.filter((u) => u.includes('/data/idx/')).length, 0);
  await page.close();
});

test('year and status filters show exactly the store\'s rows, and the URL brings them back', { skip: !CHROMIUM }, async () => {
  const page = await browser.newPage();
  await page.goto(url('reports.html'));
  await page.waitForSelector('html[data-ready="1"]');
  await nextDraw(page, () => page.selectOption('#year', '2023'));
  await nextDraw(page, () => page.check('#statuses input[value="flagged"]'));
  await nextDraw(page, () => page.check('#statuses input[value="partial"]'));
  const expected = rowsOf(`SELECT d.id, r.status ${CURRENT} AND r.year = 2023 AND r.status IN ('flagged', 'partial') ORDER BY ${DEFAULT_ORDER}`);
  assert.ok(expected.length > 5, `too few planted reports: ${expected.length}`);
  const shown = await shownRows(page);
  assert.deepEqual(shown.map((r) => r.id), expected.slice(0, 50).map((r) => +r[0]));
  assert.equal(await page.textContent('#count'), String(expected.length));
  assert.ok(shown.every((r) => r.year === '2023' && (r.status === 'flagged' || r.status === 'partial')));

  // The filter is in the URL: a fresh page opened on it shows the same rows, its controls set.
  const hash = new URL(page.url()).hash;
  assert.equal(hash, '#y=2023&s=flagged%2Cpartial');
  const again = await browser.newPage();
  await again.goto(url('reports.html') + hash);
  await again.waitForSelector('html[data-ready="1"]');
  await again.waitForFunction(() => document.querySelectorAll('#body tr').length > 0 && !document.getElementById('status').textContent);
  assert.deepEqual((await shownRows(again)).map((r) => r.id), shown.map((r) => r.id));
  assert.equal(await again.inputValue('#year'), '2023');
  assert.equal(await again.isChecked('#statuses input[value="flagged"]'), true);
  assert.equal(await again.isChecked('#statuses input[value="ok"]'), false);
  // Back: the browser's history holds each step of the filter.
  await nextDraw(page, () => page.goBack());
  assert.equal(new URL(page.url()).hash, '#y=2023&s=flagged');
  await page.close();
  await again.close();
});

test('the region tree filters by a county and its townships, with a status, and a region page lists its agencies', { skip: !CHROMIUM }, async () => {
  const [county, countyName, city] = rowsOf(
    "SELECT g.code, g.name, g.parent FROM regions g WHERE g.level = 'county' AND EXISTS (SELECT 1 FROM regions t WHERE t.parent = g.code) ORDER BY g.code LIMIT 1",
  )[0];
  const [province] = rowsOf(`SELECT parent FROM regions WHERE code = '${city}'`)[0];
  const page = await browser.newPage();
  await page.goto(url('reports.html'));
  await page.waitForSelector('html[data-ready="1"]');
  // The tree is drawn a level at a time: open the province, then the city, then pick the county.
  await page.click(`#tree li[data-code="${province}"] > button.tw`);
  await page.click(`#tree li[data-code="${city}"] > button.tw`);
  await nextDraw(page, () => page.click(`#tree a[data-region="${county}"]`));
  const inCounty = rowsOf(`SELECT d.id ${CURRENT} AND r.region_code LIKE '${county}%' ORDER BY ${DEFAULT_ORDER}`).map((r) => +r[0]);
  assert.equal(await page.textContent('#count'), String(inCounty.length));
  assert.deepEqual((await shownRows(page)).map((r) => r.id), inCounty.slice(0, 50));
  assert.match(await page.textContent('#regionNow'), new RegExp(countyName + '$'));
  await nextDraw(page, () => page.check('#statuses input[value="ok"]'));
  const okInCounty = rowsOf(`SELECT d.id ${CURRENT} AND r.region_code LIKE '${county}%' AND r.status = 'ok' ORDER BY ${DEFAULT_ORDER}`).map((r) => +r[0]);
  assert.equal(await page.textContent('#count'), String(okInCounty.length));
  assert.deepEqual((await shownRows(page)).map((r) => r.id), okInCounty.slice(0, 50));
  assert.equal(new URL(page.url()).hash, `#r=${county}&s=ok`);
  // Only the county's city's shards were loaded, never another city's.
  const shards = await page.evaluate(() => Array.from(document.querySelectorAll('script[src*="data/idx/"]')).map((s) => s.getAttribute('src')));
  assert.ok(shards.length > 0 && shards.every((s) => s.startsWith(`data/idx/${city}-`) || s.startsWith(`data/idx/${province}-`)), shards.join(' '));

  // The county's page: its agencies (government and departments placed in the county itself), year by year.
  await page.goto(url(`g/${county}.html`));
  assert.deepEqual(await page.$$eval('nav.crumbs a', (as) => as.map((a) => a.dataset.region)), [province, city, county]);
  const agencies = rowsOf(`SELECT count(DISTINCT r.agency_key) ${CURRENT} AND r.region_code = '${county}'`)[0][0];
  assert.equal(String(await page.locator('table.agencies tbody tr').count()), agencies);
  const flaggedHere = rowsOf(`SELECT count(*) ${CURRENT} AND r.region_code = '${county}' AND r.status = 'flagged'`)[0][0];
  assert.equal(String(await page.locator('table.agencies .badge.flagged').count()), flaggedHere);
  const townships = rowsOf(`SELECT code FROM regions WHERE parent = '${county}' ORDER BY code`).map((r) => r[0]);
  assert.deepEqual(await page.$$eval('table.coverage tbody tr', (trs) => trs.map((t) => t.dataset.region)), townships);
  await page.close();
});

test('search by agency name, rule filter and paging', { skip: !CHROMIUM }, async () => {
  const page = await browser.newPage();
  await page.goto(url('reports.html'));
  await page.waitForSelector('html[data-ready="1"]');
  await nextDraw(page, () => page.fill('#q', '教育局'));
  const expected = rowsOf(`SELECT d.id ${CURRENT} AND r.agency LIKE '%教育局%' ORDER BY ${DEFAULT_ORDER}`).map((r) => +r[0]);
  assert.ok(expected.length > 0);
  assert.equal(await page.textContent('#count'), String(expected.length));
  assert.deepEqual((await shownRows(page)).map((r) => r.id), expected.slice(0, 50));

  await nextDraw(page, () => page.fill('#q', ''));
  await nextDraw(page, () => page.selectOption('#rule', 'requests.balance'));
  const balance = rowsOf(
    `SELECT d.id ${CURRENT} AND d.id IN (SELECT document_id FROM findings WHERE rule = 'requests.balance') ORDER BY ${DEFAULT_ORDER}`,
  ).map((r) => +r[0]);
  assert.equal(await page.textContent('#count'), String(balance.length));
  assert.deepEqual((await shownRows(page)).map((r) => r.id), balance.slice(0, 50));

  await nextDraw(page, () => page.selectOption('#rule', ''));
  const all = rowsOf(`SELECT d.id ${CURRENT} ORDER BY ${DEFAULT_ORDER}`).map((r) => +r[0]);
  await nextDraw(page, () => page.click('#next'));
  assert.equal(await page.textContent('#page'), `2 / ${Math.ceil(all.length / 50)}`);
  assert.deepEqual((await shownRows(page)).map((r) => r.id), all.slice(50, 100));
  assert.equal(new URL(page.url()).hash, '#p=2');
  await page.close();
});

test('sorting by a column, both ways, blanks last', { skip: !CHROMIUM }, async () => {
  const page = await browser.newPage();
  await page.goto(url('reports.html') + '#y=2024');
  await page.waitForFunction(() => document.querySelectorAll('#body tr').length > 0 && !document.getElementById('status').textContent);
  const received = `(SELECT value FROM figures g WHERE g.table_id = 'requests' AND g.row_id = 'new_received' AND g.col_id = 'total' AND g.document_id = d.id)`;
  await nextDraw(page, () => page.click('#head th[data-sort="k0"]'));
  const up = rowsOf(`SELECT d.id ${CURRENT} AND r.year = 2024 ORDER BY ${received} IS NULL, ${received}, ${DEFAULT_ORDER} LIMIT 50`).map((r) => +r[0]);
  assert.deepEqual((await shownRows(page)).map((r) => r.id), up);
  await nextDraw(page, () => page.click('#head th[data-sort="k0"]'));
  const down = rowsOf(`SELECT d.id ${CURRENT} AND r.year = 2024 ORDER BY ${received} IS NULL, ${received} DESC, ${DEFAULT_ORDER} LIMIT 50`).map((r) => +r[0]);
  assert.deepEqual((await shownRows(page)).map((r) => r.id), down);
  assert.equal(new URL(page.url()).hash, '#y=2024&sort=-k0');
  assert.equal(await page.getAttribute('#head th[data-sort="k0"]', 'class'), 'n sorted desc');
  await page.close();
});

test('a flagged report\'s page highlights the failing cells with the message beside them', { skip: !CHROMIUM }, async () => {
  const [id, rowId] = rowsOf(
    "SELECT f.document_id, f.row_id FROM findings f JOIN documents d ON d.id = f.document_id " +
      "WHERE d.is_current = 1 AND f.rule = 'requests.row_total' AND f.status = 'fail' ORDER BY f.document_id LIMIT 1",
  )[0];
  const page = await browser.newPage();
  await page.goto(url(`r/${Math.floor(id / 1000)}/${id}.html`));
  assert.equal(await page.getAttribute('p.verdict', 'data-status'), 'flagged');
  const cell = page.locator(`div[data-table="requests"] tr[data-row="${rowId}"] td[data-col="total"]`);
  assert.match(await cell.getAttribute('class'), /\bhit error\b/);
  const numbers = (await cell.getAttribute('data-findings')).split(' ');
  // Beside the table, among the findings the cell carries the numbers of: the row total's, with its message.
  const items = await page.$$eval('div[data-table="requests"] ol.findings li', (lis, ns) =>
    lis.filter((li) => ns.includes(li.getAttribute('value'))).map((li) => ({ rule: li.dataset.rule, cls: li.className, text: li.textContent })), numbers);
  const item = items.find((i) => i.rule === 'requests.row_total');
  assert.ok(item, JSON.stringify(items));
  assert.equal(item.cls, 'error');
  const expectedMessage = sql(`SELECT message_zh FROM findings WHERE document_id = ${id} AND rule = 'requests.row_total' AND row_id = '${rowId}'`);
  assert.ok(item.text.includes(expectedMessage), `${item.text} does not say ${expectedMessage}`);
  // The cells no finding read are not highlighted.
  assert.equal(await page.locator('div[data-table="proactive"] td.hit').count(), 0);
  // Its six sections and where it came from.
  assert.equal(await page.locator('section.sections h3').count(), 6);
  assert.equal(await page.textContent('dl.provenance dd:nth-of-type(1)'), sql(`SELECT path FROM documents WHERE id = ${id}`));
  await page.close();
});

test('an agency page shows its years side by side and a revised report shows the changed figures', { skip: !CHROMIUM }, async () => {
  const [key] = rowsOf(
    `SELECT r.agency_key ${CURRENT} AND r.agency_key IS NOT NULL GROUP BY r.agency_key HAVING count(*) >= 2 ORDER BY r.agency_key LIMIT 1`,
  )[0];
  const years = rowsOf(`SELECT r.year, r.status, d.id ${CURRENT} AND r.agency_key = '${key}' ORDER BY r.year`);
  const pageKey = execFileSync('sh', ['-c', `printf '%s' '${key}' | sha256sum | cut -c1-12`], { encoding: 'utf8' }).trim();
  const page = await browser.newPage();
  await page.goto(url(`a/${pageKey.slice(0, 2)}/${pageKey}.html`));
  assert.deepEqual(await page.$$eval('table.years thead th[data-year]', (ths) => ths.map((t) => t.dataset.year)), years.map((y) => y[0]));
  assert.deepEqual(await page.$$eval('table.years tbody tr:first-child .badge', (b) => b.map((x) => x.dataset.status)), years.map((y) => y[1]));
  const received = rowsOf(
    `SELECT g.value FROM figures g JOIN documents d ON d.id = g.document_id JOIN reports r ON r.document_id = d.id ` +
      `WHERE d.is_current = 1 AND r.agency_key = '${key}' AND g.table_id = 'requests' AND g.row_id = 'new_received' AND g.col_id = 'total' ORDER BY r.year`,
  ).map((r) => Number(r[0]).toLocaleString('en-US'));
  assert.deepEqual(await page.$$eval('table.years tr[data-key="received"] td', (tds) => tds.map((t) => t.textContent)), received);
  assert.equal(await page.locator('.sparks svg').count(), 4);
  // Each year's link opens that year's report.
  await page.click(`table.years a[href$="/${years[1][2]}.html"]`);
  assert.match(page.url(), new RegExp(`/r/\\d+/${years[1][2]}\\.html$`));

  // A revised report: its revisions listed, the figures that changed between them shown.
  const [rev, prev] = rowsOf(`SELECT d.id, d.supersedes ${CURRENT} AND d.revision = 2 AND d.supersedes IS NOT NULL ORDER BY d.id LIMIT 1`)[0];
  await page.goto(url(`r/${Math.floor(rev / 1000)}/${rev}.html`));
  assert.deepEqual(await page.$$eval('ol.revisions li', (lis) => lis.map((l) => l.dataset.id)), [prev, rev]);
  const changed = rowsOf(
    `SELECT b.table_id || '.' || b.row_id || '.' || b.col_id FROM figures a JOIN figures b ON a.table_id = b.table_id AND a.row_id = b.row_id ` +
      `AND a.col_id = b.col_id WHERE a.document_id = ${prev} AND b.document_id = ${rev} AND a.raw <> b.raw`,
  ).map((r) => r[0]).sort();
  const shown = (await page.$$eval('table.changes tr[data-cell]', (trs) => trs.map((t) => t.dataset.cell))).sort();
  assert.deepEqual(shown, changed);
  await page.close();
});

test('a rebuild after a night of 3 revised reports rewrites only their pages, their agencies and the indices', { skip: !CHROMIUM }, async () => {
  const quiet = buildSite();
  assert.match(quiet, /written: 0 report pages, 0 agency pages, 0 index and summary pages;/);
  const untouched = join(site, 'r', '0', `${rowsOf(`SELECT min(d.id) ${CURRENT}`)[0][0]}.html`);
  const mtime = statSync(untouched).mtimeMs;
  execFileSync(GEN, ['--db', db, '--night', '3', '--at', '2030-01-01T02:00:00Z', '--seed', '7'], { encoding: 'utf8' });
  const night = rowsOf("SELECT id FROM documents WHERE processed_at = '2030-01-01T02:00:00Z'").map((r) => r[0]);
  assert.equal(night.length, 3);
  // Pages that show what changed: the new documents and every revision of the same agency and year.
  const pages = +sql(
    `SELECT count(DISTINCT r2.document_id) FROM reports r JOIN reports r2 ON r2.agency_key = r.agency_key AND r2.year = r.year ` +
      `WHERE r.document_id IN (${night.join(',')})`,
  );
  const agencies = +sql(`SELECT count(DISTINCT agency_key) FROM reports WHERE document_id IN (${night.join(',')})`);
  const out = buildSite();
  const m = out.match(/written: (\d+) report pages, (\d+) agency pages/);
  assert.ok(m, out);
  assert.equal(+m[1], pages, out);
  assert.equal(+m[2], agencies, out);
  assert.equal(statSync(untouched).mtimeMs, mtime);
  for (const id of night) assert.ok(readFileSync(join(site, 'r', String(Math.floor(id / 1000)), `${id}.html`), 'utf8').includes('ol class="revisions"'));
});
