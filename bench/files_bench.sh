#!/usr/bin/env bash
# Benchmark `techspec files` and `techspec rules` against ripgrep on one
# large tree, in the same run:
#
#   rg --files TREE                 listing only (the walk floor)
#   rg -c walker TREE               one literal searched in every file
#   rg -c -i 'a|b|c|d' TREE         the short query's terms, case-insensitive
#   rg -c -i -F -f TERMS TREE       the spec's query terms (`files --print-terms`):
#                                   the reference of `files --spec` (issue 17: within 4x)
#   techspec files --query "..."   5 terms
#   techspec files --spec spec.md   a 450-word tech spec as the query
#   techspec rules                  agent rules discovery over the whole tree
#
# bench/run.sh measures the same rows on the tree of bench/files_tree.sh.
#
# Usage: bench/files_bench.sh [TREE]
#   Without TREE, builds one in a temp dir from COPIES (default 3) copies of
#   the crate sources in ~/.cargo/registry/src (about 7,400 files, 97 MB of
#   searchable text each). RUNS (default 5) sets the runs per command.
#   Needs ripgrep; uses hyperfine when present, else bash's `time`.
set -euo pipefail
cd "$(dirname "$0")/.."

COPIES=${COPIES:-3}
RUNS=${RUNS:-5}
SHORT_QUERY="parallel directory walker honouring gitignore"
SHORT_REGEX="parallel|directory|walker|honouring|gitignore"
SPEC=tests/fixtures/files/spec-query.md

command -v rg >/dev/null || { echo "files_bench: needs ripgrep (apt-get install -y ripgrep)" >&2; exit 2; }

TREE=${1:-}
if [ -z "$TREE" ]; then
    TREE=$(mktemp -d "${TMPDIR:-/tmp}/techspec-files-bench.XXXXXX")
    trap 'rm -rf "$TREE"' EXIT
    shopt -s nullglob
    SRC=("${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/)
    [ ${#SRC[@]} -gt 0 ] || { echo "files_bench: no crate sources in ~/.cargo/registry/src; pass a TREE" >&2; exit 2; }
    echo "building the tree in $TREE ($COPIES copies of ${SRC[*]})" >&2
    for i in $(seq 1 "$COPIES"); do
        mkdir -p "$TREE/copy$i"
        for s in "${SRC[@]}"; do cp -R "$s". "$TREE/copy$i/"; done
    done
fi

cargo build --release --quiet --bin techspec
EX="$(pwd)/${CARGO_TARGET_DIR:-target}/release/techspec"
cp "$SPEC" "$TREE/spec-query.md"
# A few agent rules, so that `rules` has something to read besides the walk.
mkdir -p "$TREE/.cursor/rules" "$TREE/.kilocode/rules"
printf -- '---\ndescription: Rust style\nalwaysApply: true\n---\n# Rust\n' >"$TREE/.cursor/rules/rust.mdc"
printf -- '---\nglobs: **/*.rs\n---\n# Globbed\n' >"$TREE/.cursor/rules/glob.mdc"
printf '# Testing\n' >"$TREE/.kilocode/rules/testing.md"

TERMS="$TREE/.terms.txt"
"$EX" files --spec "$TREE/spec-query.md" --print-terms >"$TERMS"

FILES=$(rg --files "$TREE" | wc -l)
BYTES=$(rg --files -0 "$TREE" | xargs -0 stat -c %s | awk '{s += $1} END {print s + 0}')
echo "tree: $TREE"
echo "files (not ignored): $FILES, $(awk -v b="$BYTES" 'BEGIN {printf "%.1f", b / 1e6}') MB; $(nproc) cores"
echo "short query: \"$SHORT_QUERY\"; spec query: $SPEC ($(wc -w <"$SPEC") words, $(wc -l <"$TERMS") terms)"
echo

NAMES=("rg --files" "rg -c walker" "rg -c -i 5 terms" "rg -c -i -F spec" "files --query" "files --spec" "rules")
CMDS=(
    "rg --files $TREE"
    "rg -c walker $TREE"
    "rg -c -i '$SHORT_REGEX' $TREE"
    "rg -c -i -F -f $TERMS $TREE"
    "bash -c 'cd $TREE && $EX files --query \"$SHORT_QUERY\"'"
    "bash -c 'cd $TREE && $EX files --spec spec-query.md'"
    "bash -c 'cd $TREE && $EX rules'"
)

declare -a MEANS CPUS
if command -v hyperfine >/dev/null; then
    JSON=$(mktemp)
    args=()
    for i in "${!CMDS[@]}"; do args+=(-n "${NAMES[$i]}" "${CMDS[$i]}"); done
    # --output=pipe: ripgrep takes shortcuts when stdout is /dev/null.
    hyperfine -N --output=pipe -w 1 -r "$RUNS" --export-json "$JSON" "${args[@]}" >&2
    while read -r mean cpu; do
        MEANS+=("$mean")
        CPUS+=("$cpu")
    done < <(python3 -c '
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(r["mean"], r["user"] + r["system"])' "$JSON")
    rm -f "$JSON"
else
    echo "(hyperfine not found: best of $RUNS wall-clock runs with date; no CPU times)" >&2
    for i in "${!CMDS[@]}"; do
        best=
        for _ in $(seq 1 "$RUNS"); do
            start=$(date +%s.%N)
            bash -c "${CMDS[$i]} | cat >/dev/null"
            t=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')
            best=$(awk -v a="${best:-$t}" -v b="$t" 'BEGIN {print (b < a ? b : a)}')
        done
        MEANS+=("$best")
        CPUS+=(0)
    done
fi

echo "load average before the table: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
printf '%-18s %8s %8s %12s %12s %12s\n' command "wall s" "cpu s" "wall/files" "wall/rg -c" "cpu/rg -c"
for i in "${!NAMES[@]}"; do
    awk -v n="${NAMES[$i]}" -v t="${MEANS[$i]}" -v u="${CPUS[$i]}" -v f="${MEANS[0]}" \
        -v c="${MEANS[1]}" -v cu="${CPUS[1]}" \
        'BEGIN {printf "%-18s %8.3f %8.3f %12.2f %12.2f %12.2f\n", n, t, u, t / f, t / c, (cu > 0 ? u / cu : 0)}'
done
