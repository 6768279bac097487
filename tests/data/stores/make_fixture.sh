#!/usr/bin/env bash
# Makes tests/data/stores/v<N>.sqlite: a real audit store written by this checkout's xxgk (schema
# version N), kept so that every later migration is tested from it (tests/audit_migration_test.cpp).
# The commit that adds schema version N runs it once with its own build and commits the file;
# never regenerate an older version's file.
#   tests/data/stores/make_fixture.sh build/xxgk
# What it holds: the seed report, a cross-year pair (2023, 2024) with a revision of 2024 (the same
# report as HTML), a partial report, a failed document, and a document changed in place at its path;
# from version 2 on, pages that show their publication date (documents.published) and one whose
# agency is read from the page around the report (reports.agency_source).
# from version 3 on, regions: reports placed in a township and a city, an agency whose name fits two
# townships (region.ambiguous) and one that names no known place (region.unknown).
# from version 4 on, a fetch (xxgk fetch) from a small portal served on 127.0.0.1 by python3's http.server:
# a listing, a report page, a PDF attachment, a missing one and a bad sources line (every fetch_* table
# and fetched_files hold rows), then audited (documents.url … from the fetch).
# from version 5 on, indicators and finding keys (written by the audit), and reviews (xxgk review): a
# finding dismissed, then confirmed (two rows of history), and another one confirmed.
set -euo pipefail
xxgk=$(realpath "${1:?usage: make_fixture.sh PATH/TO/xxgk}")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/in"
cp "$top/corpus/txt/000_c2afdc98611f7d7b.txt" "$tmp/in/seed.txt"
cp "$top/corpus/txt/cross-year-huaian/huaian-city-2023.txt" "$tmp/in/"
cp "$top/corpus/txt/cross-year-huaian/huaian-city-2024.txt" "$tmp/in/"
cp "$top/corpus/html/huaian-city-2024-requests-image.html" "$tmp/in/partial.html"
printf '%%PDF-1.7\nnot really a pdf\n' > "$tmp/in/broken.pdf"
sed -e 's/长春市南关区新春街道办事处/新春街道办事处/g' -e 's/南关区//g' -e 's/2024/2022/g' \
  "$top/corpus/txt/000_c2afdc98611f7d7b.txt" > "$tmp/in/ambiguous.txt"
cp "$top/corpus/docx/testcity-2025.tracked.docx" "$tmp/in/unknown-place.docx"
cp "$top/corpus/html/xinchun-2024-review-broken.html" "$tmp/in/changed.html"
cp "$top/corpus/html/xinchun-2024-title-without-agency.trs.html" "$tmp/in/meta-agency.html"
(cd "$tmp" && "$xxgk" audit in --db store.sqlite --jobs 1 --progress none >/dev/null) || true
cp "$top/corpus/html/huaian-city-2024.clean.html" "$tmp/in/zz-huaian-revision.html"
cp "$top/corpus/html/xinchun-2024-slash-regulations.html" "$tmp/in/changed.html"
(cd "$tmp" && "$xxgk" audit in --db store.sqlite --jobs 1 --progress none >/dev/null) || true
if "$xxgk" fetch --help >/dev/null 2>&1; then
  mkdir -p "$tmp/site/nb"
  cat > "$tmp/site/nb/list.html" <<'HTML'
<html><head><meta charset="utf-8"><title>年报</title></head><body><ul>
<li><a href="a1.html">示例市人民政府2024年政府信息公开工作年度报告</a> 2025-01-20</li>
<li><a href="a2.html">长春市南关区新春街道2024年政府信息公开工作年度报告</a> 2025-01-19</li>
<li><a href="a3.html">示例县2024年政府信息公开工作年度报告</a> 2025-01-18</li>
</ul></body></html>
HTML
  sed 's/淮安市人民政府/示例市人民政府/g' "$top/corpus/html/huaian-city-2024.clean.html" > "$tmp/site/nb/a1.html"
  printf '<html><body><p><a href="r2.pdf">附件.pdf</a></p></body></html>' > "$tmp/site/nb/a2.html"
  cp "$top/corpus/pdf/xinchun-2024.html.pdf" "$tmp/site/nb/r2.pdf"
  printf '<html><body><p><a href="missing.pdf">附件.pdf</a></p></body></html>' > "$tmp/site/nb/a3.html"
  (cd "$tmp/site" && exec python3 -u -m http.server 0 --bind 127.0.0.1 > "$tmp/http.log" 2>&1) &
  server=$!
  trap 'kill $server 2>/dev/null; rm -rf "$tmp"' EXIT
  for _ in $(seq 50); do grep -q "port" "$tmp/http.log" 2>/dev/null && break; sleep 0.1; done
  port=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$tmp/http.log" | head -1)
  printf 'agency\tregion\tkind\turl\n长春市南关区人民政府\t220102\tgeneric\thttp://127.0.0.1:%s/nb/list.html\n坏行\t\tcms\thttp://127.0.0.1:%s/x\n' \
    "$port" "$port" > "$tmp/sources.tsv"
  (cd "$tmp" && "$xxgk" fetch sources.tsv --store fetched --db store.sqlite --delay 0 --contact mailto:fixture@example.invalid \
    --log-level off >/dev/null) || true
  (cd "$tmp" && "$xxgk" audit fetched --db store.sqlite --jobs 1 --progress none >/dev/null) || true
  kill $server
fi
if "$xxgk" --help | grep "^  review " >/dev/null; then
  keys=$(sqlite3 "$tmp/store.sqlite" "SELECT DISTINCT f.finding_key FROM findings f JOIN documents d ON d.id = f.document_id
    WHERE d.is_current = 1 AND f.status = 'fail' ORDER BY f.rule, f.finding_key LIMIT 2")
  first=$(echo "$keys" | sed -n 1p); second=$(echo "$keys" | sed -n 2p)
  "$xxgk" review --db "$tmp/store.sqlite" set "$first" --verdict dismissed --note 'fixture: dismissed' --by fixture >/dev/null
  "$xxgk" review --db "$tmp/store.sqlite" set "$first" --verdict confirmed --note 'fixture: looked again' --by fixture >/dev/null
  "$xxgk" review --db "$tmp/store.sqlite" set "$second" --verdict confirmed --by fixture >/dev/null
fi
v=$(sqlite3 "$tmp/store.sqlite" 'PRAGMA user_version')
sqlite3 "$tmp/store.sqlite" "PRAGMA journal_mode = DELETE; VACUUM INTO '$here/v$v.sqlite'" >/dev/null
echo "wrote $here/v$v.sqlite: $(sqlite3 "$here/v$v.sqlite" 'select count(*) from documents') documents"
