#!/usr/bin/env bash
# Runs every cargo-fuzz target for SECONDS each (default 60), seeded from the
# shared corpus and the built-in templates. Exits non-zero on the first crash.
#
#   bash bench/fuzz.sh            # 60 s per target (what CI runs)
#   bash bench/fuzz.sh 600        # 10 minutes per target
#   TARGETS="check document" bash bench/fuzz.sh 3600
#
# Longer runs, one target, in the background, several jobs:
#   RUSTC_BOOTSTRAP=1 cargo fuzz run check -- -max_total_time=36000 -jobs=2 -workers=2
# Crashes land in fuzz/artifacts/TARGET/; replay one with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run TARGET fuzz/artifacts/TARGET/crash-...
# and add it as a test in tests/regressions.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-60}"
TARGETS="${TARGETS:-document template frontmatter check fix project follow_through trace}"
SHARED="${SHARED:-../shared}"

# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP lets the stable toolchain use them.
export RUSTC_BOOTSTRAP=1
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --locked --version 0.13.2
fi

seed() { # seed TARGET FILES...
  local dir="fuzz/corpus/$1"; shift
  mkdir -p "$dir"
  for f in "$@"; do
    [ -f "$f" ] || continue
    cp "$f" "$dir/seed-$(printf '%s' "$f" | cksum | cut -d' ' -f1)"
  done
}
shopt -s nullglob globstar
specs=("$SHARED"/corpus/specs/*.md templates/*.md templates/lang/* examples/**/*.md tests/fixtures/**/*.md)
rules=("$SHARED"/corpus/rules/**/*.md "$SHARED"/corpus/rules/**/*.mdc "$SHARED"/corpus/rules-examples/**/* tests/fixtures/**/*.mdc)
seed document "${specs[@]}"
seed check "${specs[@]}"
seed follow_through "${specs[@]}"
seed fix "${specs[@]}"
seed template templates/*.md "$SHARED"/corpus/templates/*.md
seed frontmatter "${rules[@]}"
# project: the spec, NUL, its rules (NUL-separated), NUL, the files to create.
project_seed() { # project_seed SPEC RULES... -- FILES
  local spec="$1"; shift
  {
    cat "$spec"
    while [ $# -gt 0 ] && [ "$1" != -- ]; do printf '\0'; cat "$1"; shift; done
    [ "${1:-}" = -- ] && shift
    printf '\0'
    printf '%s\n' "$@"
  }
}
mkdir -p fuzz/corpus/project
project_seed examples/refunds/tasks/prd-payment-refunds/techspec.md \
  examples/refunds/.cursor/rules/*.mdc -- \
  internal/refunds/handler.go internal/refunds/worker.go internal/payments/ledger.go \
  internal/payments/webhook.go migrations/0007_refunds.sql go.mod >fuzz/corpus/project/seed-refunds
for f in "${specs[@]}"; do
  [ -f "$f" ] || continue
  project_seed "$f" examples/refunds/.cursor/rules/go-style.mdc -- internal/a.go \
    >"fuzz/corpus/project/seed-$(printf '%s' "$f" | cksum | cut -d' ' -f1)"
done

# trace: a PRD, 0x1e, a task list, 0x1e, a task file (from the trace fixtures).
mkdir -p fuzz/corpus/trace
for d in tests/fixtures/trace/*/; do
  prd=("$d"prd.md "$d"_prd.md); tasks=("$d"tasks.md "$d"_tasks.md); task=("$d"*task*.md)
  {
    cat "${prd[@]}" 2>/dev/null || true
    printf '\036'
    cat "${tasks[@]}" 2>/dev/null || true
    printf '\036'
    [ -f "${task[0]:-}" ] && cat "${task[0]}"
    true
  } >"fuzz/corpus/trace/seed-$(basename "$d")"
done

mkdir -p fuzz/artifacts
for t in $TARGETS; do
  echo "== fuzz $t for ${SECONDS_PER_TARGET}s"
  log="fuzz/artifacts/$t.log"
  if ! cargo fuzz run "$t" "fuzz/corpus/$t" -- \
      -max_total_time="$SECONDS_PER_TARGET" -max_len=262144 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "fuzz target $t failed; the input is in fuzz/artifacts/$t/ (log: $log)" >&2
    exit 1
  fi
  grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units)' "$log" || tail -n 3 "$log"
done
echo "fuzzing: no crash"
