// The screenshots in docs/ (one per page kind), taken in headless Chromium from a built site:
//   node bench/site/screenshots.mjs SITE_DIR STORE.sqlite docs/
import { chromium } from '../../tests/js/node_modules/playwright-core/index.mjs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [site, db, docs] = process.argv.slice(2).map((p) => resolve(p));
const sql = (q) => execFileSync('sqlite3', ['-readonly', db, q], { encoding: 'utf8' }).trim();
const exe = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const browser = await chromium.launch({ executablePath: exe, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
async function shot(path, file, prepare) {
  await page.goto('file://' + join(site, path));
  await page.waitForLoadState('load');
  if (prepare) await prepare();
  await page.screenshot({ path: join(docs, file) });
  console.log(file, '←', path);
}
const flagged = sql("SELECT f.document_id FROM findings f JOIN documents d ON d.id = f.document_id WHERE d.is_current = 1 AND f.rule = 'requests.row_total' AND f.row_id = 'new_received' ORDER BY f.document_id LIMIT 1");
const key = sql("SELECT r.agency_key FROM current_reports r WHERE r.status = 'flagged' AND r.agency_key IN (SELECT agency_key FROM current_reports GROUP BY agency_key HAVING count(*) >= 5) ORDER BY r.document_id LIMIT 1");
const ak = createHash('sha256').update(key).digest('hex').slice(0, 12);
const region = sql("SELECT count(*) FROM pragma_table_info('reports') WHERE name = 'region_code'") === '1'
  ? sql('SELECT substr(region_code, 1, 6) FROM reports WHERE region_code IS NOT NULL ORDER BY document_id LIMIT 1') : '';

await shot('index.html', 'site-overview.png');
await shot('reports.html#y=2024&s=flagged,partial', 'site-reports.png', () => page.waitForFunction(() => document.querySelectorAll('#body tr').length > 0 && !document.getElementById('status').textContent));
await shot(`r/${Math.floor(flagged / 1000)}/${flagged}.html`, 'site-report.png', () => page.evaluate(() => document.querySelector('div[data-table="requests"]').previousElementSibling.scrollIntoView()));
await shot(`a/${ak.slice(0, 2)}/${ak}.html`, 'site-agency.png');
if (region) await shot(`g/${region}.html`, 'site-region.png');
await shot('changes.html', 'site-changes.png');
await browser.close();
