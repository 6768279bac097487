// Times the site in headless Chromium (bench/site/run.sh runs it): the reports index opened from
// file:// until its first rows are drawn and its controls work ("interactive"), and filters applied
// through the page's own controls until their rows are drawn. Prints one JSON object.
//   node bench/site/measure.mjs SITE_DIR [REGION_CODE]
import { chromium } from '../../tests/js/node_modules/playwright-core/index.mjs';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const site = resolve(process.argv[2]);
const region = process.argv[3] || '';
const exe = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const browser = await chromium.launch({ executablePath: exe, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const out = {};

async function draws(page) { return page.evaluate(() => +document.documentElement.getAttribute('data-draws') || 0); }
async function timed(page, action) {
  const n = await draws(page);
  const t0 = await page.evaluate(() => performance.now());
  await action();
  await page.waitForFunction((k) => (+document.documentElement.getAttribute('data-draws') || 0) > k, n, { timeout: 60000, polling: 'raf' });
  return (await page.evaluate(() => performance.now())) - t0;
}

for (let round = 0; round < 3; round++) {
  const page = await browser.newPage();  // a new page each round: nothing cached in the page
  await page.goto('file://' + join(site, 'reports.html'));
  await page.waitForSelector('html[data-ready="1"]', { timeout: 60000 });
  const nav = await page.evaluate(() => {
    const e = performance.getEntriesByType('navigation')[0];
    return { domContentLoaded: e.domContentLoadedEventEnd, load: e.loadEventEnd };
  });
  const interactive = await page.evaluate(() => performance.now());
  const filters = {};
  if (region) filters.region = await timed(page, () => page.evaluate((r) => { location.hash = 'r=' + r; }, region));
  filters.status = await timed(page, () => page.check('#statuses input[value="flagged"]'));
  filters.year = await timed(page, () => page.selectOption('#year', { index: 1 }));
  filters.search = await timed(page, () => page.evaluate(() => { location.hash = 'q=' + encodeURIComponent('教育局'); }));
  filters.sort_all = await timed(page, () => page.evaluate(() => { location.hash = 'sort=-k0'; }));
  const rows = await page.$$eval('#body tr', (t) => t.length);
  (out.rounds = out.rounds || []).push({ interactive_ms: Math.round(interactive), ...nav, filters_ms: Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, Math.round(v)])), rows });
  await page.close();
}
await browser.close();
console.log(JSON.stringify(out, null, 1));
