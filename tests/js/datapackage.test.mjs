// `xxgk export --csv` and `--panel` read back typed by an independent implementation of the
// Frictionless specs (the npm package `datapackage`, Frictionless's JavaScript library): the
// descriptor is valid, every row of every resource casts to its declared types, the primary key
// holds, and values come back as numbers, dates, booleans and nulls as the store holds them.
//
//   XXGK_BINARY=build/xxgk node --test tests/js/datapackage.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, readFileSync, readdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Package } from 'datapackage';

const XXGK = process.env.XXGK_BINARY || 'build/xxgk';
// The corpus's text, HTML, DOCX and text-layer PDF cases (OCR and .doc conversion add minutes, no new types).
const CORPUS = (process.env.XXGK_CORPUS || 'corpus/txt corpus/html corpus/docx corpus/pdf').split(' ');
let dir, db, exported, out;

function sql(query) {
  const text = execFileSync('sqlite3', ['-readonly', db, query], { encoding: 'utf8' }).trim();
  return text ? text.split('\n').map((l) => l.split('|')) : [];
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'xxgk-datapackage-'));
  db = join(dir, 'corpus.sqlite');
  exported = join(dir, 'export');
  execFileSync(XXGK, ['audit', ...CORPUS, '--db', db, '--jobs', '2', '--log-level', 'off'], { stdio: 'ignore' });
  execFileSync(XXGK, ['export', '--db', db, '--csv', exported, '--panel', join(exported, 'panel.csv'), '--log-level', 'off'], {
    stdio: 'ignore',
  });
  // The CSV files start with a UTF-8 byte-order mark (for Excel; pandas, R's readr and Python's
  // frictionless skip it). datapackage-js 1.1.10, the last release of the JavaScript library, reads
  // files through Node's setEncoding, which keeps U+FEFF in the first header name; so it is given
  // the same files without those three bytes, and nothing else changed.
  out = join(dir, 'package');
  mkdirSync(out);
  for (const name of readdirSync(exported)) {
    if (!name.endsWith('.csv')) {
      copyFileSync(join(exported, name), join(out, name));
      continue;
    }
    const bytes = readFileSync(join(exported, name));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${name} starts with a byte-order mark`);
    writeFileSync(join(out, name), bytes.subarray(3));
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(name) {
  const pkg = await Package.load(join(out, 'datapackage.json'), { basePath: out });
  assert.equal(pkg.valid, true, JSON.stringify(pkg.errors.map((e) => e.message)));
  const resource = pkg.getResource(name);
  assert.ok(resource, `resource ${name} in datapackage.json`);
  // cast: every value to its field's type; an error (a wrong type, a broken key) throws.
  const rows = await resource.read({ keyed: true, cast: true });
  return { resource, rows };
}

test('the package lists the five exported files with a type and a description for every field', async () => {
  const pkg = await Package.load(join(out, 'datapackage.json'), { basePath: out });
  assert.equal(pkg.valid, true, JSON.stringify(pkg.errors.map((e) => e.message)));
  assert.deepEqual(pkg.resourceNames, ['figures', 'findings', 'indicators', 'panel', 'reports']);
  for (const r of pkg.resources) {
    const header = readFileSync(join(out, r.descriptor.path), 'utf8').split('\r\n')[0];
    assert.deepEqual(r.descriptor.schema.fields.map((f) => f.name), header.split(','), r.name);
    for (const f of r.descriptor.schema.fields) assert.ok(f.description.length > 10, `${r.name}.${f.name} described`);
  }
});

test('reports.csv reads typed: integers, booleans, dates and the store\'s count of rows', async () => {
  const { rows } = await readAll('reports');
  const expected = sql('SELECT d.path, d.size, d.is_current, r.year FROM documents d JOIN reports r ON r.document_id = d.id WHERE d.is_current = 1 ORDER BY d.path, d.id');
  assert.equal(rows.length, expected.length);
  rows.forEach((row, i) => {
    assert.equal(row.path, expected[i][0]);
    assert.equal(row.size, Number(expected[i][1]));
    assert.equal(row.is_current, true);
    assert.equal(row.year, expected[i][3] === '' ? null : Number(expected[i][3]));
  });
});

test('figures.csv keeps a blank apart from zero: null where the store holds NULL, the number otherwise', async () => {
  const { rows } = await readAll('figures');
  const expected = sql("SELECT coalesce(f.value, 'NULL'), f.raw FROM figures f JOIN documents d ON d.id = f.document_id WHERE d.is_current = 1 ORDER BY d.path, d.id, f.seq");
  assert.equal(rows.length, expected.length);
  let blanks = 0, zeros = 0;
  rows.forEach((row, i) => {
    if (expected[i][0] === 'NULL') {
      assert.equal(row.value, null);
      ++blanks;
    } else {
      assert.equal(Number(row.value), Number(expected[i][0]));
      if (Number(expected[i][0]) === 0) ++zeros;
    }
  });
  assert.ok(blanks > 0 && zeros > 0, `the corpus has blanks (${blanks}) and zeros (${zeros})`);
});

test('findings.csv reads typed, cells as a JSON array', async () => {
  const { rows } = await readAll('findings');
  const expected = sql('SELECT count(*) FROM findings g JOIN documents d ON d.id = g.document_id WHERE d.is_current = 1');
  assert.equal(rows.length, Number(expected[0][0]));
  assert.ok(rows.some((r) => Array.isArray(r.cells) && r.cells.length > 0 && r.cells[0].table));
});

test('indicators.csv: one row per current report and indicator, a null value never 0, as the store holds it', async () => {
  const { rows } = await readAll('indicators');
  const expected = sql("SELECT i.indicator, coalesce(i.value, 'NULL'), coalesce(i.null_reason, ''), i.marked FROM indicators i JOIN documents d ON d.id = i.document_id WHERE d.is_current = 1 ORDER BY d.path, d.id, i.seq");
  assert.equal(rows.length, expected.length);
  let nulls = 0, marked = 0;
  rows.forEach((row, i) => {
    assert.equal(row.indicator, expected[i][0]);
    if (expected[i][1] === 'NULL') {
      assert.equal(row.value, null);
      assert.ok(row.null_reason.length > 0);
      ++nulls;
    } else {
      assert.ok(Math.abs(Number(row.value) - Number(expected[i][1])) < 1e-9 * Math.max(1, Math.abs(Number(row.value))));
    }
    assert.equal(row.marked, expected[i][3] === '1');
    assert.ok(Array.isArray(row.failing_rules) && Array.isArray(row.null_operands));
    if (row.marked) ++marked;
  });
  assert.ok(nulls > 0 && marked > 0, `the corpus has null (${nulls}) and marked (${marked}) indicators`);
});

test('the panel: one row per agency and year, every figure as the store holds it for the chosen document', async () => {
  const { resource, rows } = await readAll('panel');
  const groups = sql('SELECT count(DISTINCT r.agency_id || \'|\' || r.year) FROM documents d JOIN reports r ON r.document_id = d.id WHERE d.is_current = 1 AND r.agency_id IS NOT NULL AND r.year IS NOT NULL');
  assert.equal(rows.length, Number(groups[0][0]));
  assert.deepEqual(resource.descriptor.schema.primaryKey, ['agency_id', 'year']);
  const fieldOf = Object.fromEntries(resource.descriptor.schema.fields.map((f) => [f.name, f]));
  assert.equal(fieldOf['proactive.fees.amount'].unit, '万元');
  assert.equal(fieldOf['requests.granted.total'].unit, '件');
  let checked = 0;
  for (const row of rows) {
    assert.equal(typeof row.year, 'number');
    const figures = sql(`SELECT table_id || '.' || row_id || '.' || col_id, coalesce(value, 'NULL') FROM figures WHERE document_id = ${row.document_id} AND row_id NOT LIKE 'x_%' AND col_id NOT LIKE 'x_%'`);
    for (const [id, value] of figures) {
      if (!(id in fieldOf)) continue;
      assert.equal(row[id], value === 'NULL' ? null : Number(value), `${row.agency} ${row.year} ${id}`);
      ++checked;
    }
    const fails = sql(`SELECT count(*) FROM findings WHERE document_id = ${row.document_id} AND status = 'fail' AND severity = 'error'`);
    assert.equal(row.findings_error, Number(fails[0][0]));
    const open = sql(`SELECT count(*) FROM findings WHERE document_id = ${row.document_id} AND status = 'fail'`);
    assert.equal(row.findings_open + row.findings_confirmed + row.findings_dismissed + row.findings_changed, Number(open[0][0]));
    const rate = sql(`SELECT coalesce(value, 'NULL') FROM indicators WHERE document_id = ${row.document_id} AND indicator = 'requests.substantive_disclosure_rate'`);
    // The CSV has the full double; sqlite3's shell prints 15 significant digits.
    if (rate.length && rate[0][0] === 'NULL') assert.equal(row['requests.substantive_disclosure_rate'], null);
    else if (rate.length) assert.ok(Math.abs(row['requests.substantive_disclosure_rate'] - Number(rate[0][0])) < 1e-12 * 100, `${row.agency} ${row.year}`);
  }
  assert.ok(checked > 1000, `figures compared: ${checked}`);
});
