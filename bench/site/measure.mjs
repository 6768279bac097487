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

// Sets the URL's hash (what every control of the page does) and times, inside the page, until the
// rows of the new filter are drawn: shard loading, filtering, sorting and the DOM included.
function timed(page, hash) {
  return page.evaluate((h) => new Promise((resolve) => {
    const root = document.documentElement;
    const n = +root.getAttribute('data-draws') || 0;
    const t0 = performance.now();
    const mo = new MutationObserver(() => {
      if ((+root.getAttribute('data-draws') || 0) > n) { mo.disconnect(); resolve(performance.now() - t0); }
    });
    mo.observe(root, { attributes: true });
    location.hash = h;
  }), hash);
}

const city = region.slice(0, 4);
const cases = [
  ...(region ? [['region+status (county)', `r=${region}&s=flagged`], ['region+status (city)', `r=${city}&s=flagged`]] : []),
  ['year+status', 's=flagged&y=2024'],
  ['status, whole province', 's=partial'],
  ['search, whole province', 'q=' + encodeURIComponent('教育局')],
  ['sort, whole province', 'sort=-k0'],
];
for (let round = 0; round < 3; round++) {
  const filters = {};
  let interactive = 0, nav = null, rows = 0;
  for (const [name, hash] of cases) {  // each case on a fresh page: no shard loaded before it
    const page = await browser.newPage();
    await page.goto('file://' + join(site, 'reports.html'));
    await page.waitForSelector('html[data-ready="1"]', { timeout: 60000 });
    if (!nav) {
      interactive = await page.evaluate(() => performance.now());
      nav = await page.evaluate(() => {
        const e = performance.getEntriesByType('navigation')[0];
        return { domContentLoaded: Math.round(e.domContentLoadedEventEnd), load: Math.round(e.loadEventEnd) };
      });
    }
    filters[name] = Math.round(await timed(page, hash));
    rows = await page.$$eval('#body tr', (t) => t.length);
    await page.close();
  }
  (out.rounds = out.rounds || []).push({ interactive_ms: Math.round(interactive), ...nav, filters_ms: filters, rows });
}
await browser.close();
console.log(JSON.stringify(out, null, 1));
