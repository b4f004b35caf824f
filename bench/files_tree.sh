#!/usr/bin/env bash
# Builds the large tree `techspec files` is measured on: whole crate folders
# copied from the cargo registry (~/.cargo/registry/src, what `cargo build`
# fetched), in name order, until the tree holds at least FILES files that
# neither ripgrep nor techspec ignores (default 10,863, the tree of
# BENCHMARKS.md's first `files` run), with a `.git` marker so that both tools
# treat it as one repository, and the spec query of
# tests/fixtures/files/spec-query.md at its root.
#
#   bash bench/files_tree.sh TREE [FILES]
#
# Done once: a tree already built for the same FILES is kept. When the
# registry holds fewer files, the tree gets all of them and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
tree=${1:?usage: files_tree.sh TREE [FILES]}
want=${2:-10863}
command -v rg >/dev/null || { echo "files_tree: needs ripgrep" >&2; exit 2; }
if [ -f "$tree/.complete" ] && [ "$(cat "$tree/.complete")" = "$want" ]; then
    exit 0
fi
shopt -s nullglob
crates=("${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/*/)
if [ ${#crates[@]} -eq 0 ]; then
    echo "files_tree: no crate sources in ${CARGO_HOME:-$HOME/.cargo}/registry/src (run cargo build first)" >&2
    exit 2
fi
echo "== building the files tree in $tree (crate sources until $want files)"
rm -rf "$tree"
mkdir -p "$tree/.git" "$tree/crates"
n=0
while IFS= read -r c; do
    [ "$n" -ge "$want" ] && break
    name=$(basename "$c")
    [ -e "$tree/crates/$name" ] && continue # the same crate in two registries
    cp -R "$c" "$tree/crates/$name"
    n=$((n + $(rg --files "$tree/crates/$name" | wc -l)))
done < <(printf '%s\n' "${crates[@]}" | awk -F/ '{print $(NF-1) "\t" $0}' | LC_ALL=C sort | cut -f2)
[ "$n" -ge "$want" ] || echo "files_tree: the registry holds only $n files (wanted $want): the tree has them all" >&2
cp tests/fixtures/files/spec-query.md "$tree/spec-query.md"
echo "$want" >"$tree/.complete"
