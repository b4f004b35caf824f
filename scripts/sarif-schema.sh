#!/usr/bin/env bash
# Fetches the SARIF 2.1.0 JSON schema (shipped in Microsoft's @microsoft/jest-sarif
# npm package) into target/sarif-schema/, for the SARIF validation test.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=target/sarif-schema
[ -f "$dest/sarif-2.1.0.json" ] && exit 0
mkdir -p "$dest"
tmp=$(mktemp -d)
(cd "$tmp" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null && tar xzf ./*.tgz)
cp "$tmp/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$dest/sarif-2.1.0.json"
rm -rf "$tmp"
