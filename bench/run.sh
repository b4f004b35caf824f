#!/usr/bin/env bash
# The benchmark of BENCHMARKS.md: techspec against markdownlint-cli2 and rumdl
# (both set to check the same heading list, MD043) and against the floor
# (`cat`, `rg`), on synthetic corpora of 1,000 and 10,000 specs, in one run.
#
#   bash bench/run.sh                 # full run (markdownlint-cli2 alone takes ~2-3 min on 10k)
#   BENCH_QUICK=1 bash bench/run.sh   # the 1,000-spec corpus only, short criterion and files runs
#   BENCH_SKIP_MDL=1 bash bench/run.sh   # no markdownlint-cli2 on 10k (it is no target's reference)
#   OLD_TECHSPEC=path/to/techspec bash bench/run.sh   # also that binary, side by side
#
# Besides the comparison table, it writes one row per target of issue 17, each
# marked met or not met with its figure (on the largest corpus of the run):
#   (a) check, every check, all cores: at least 3x faster than rumdl (MD043 only)
#       (beside it: the same with every check off, the floor of this design)
#   (b) check: within 2x the time of `cat` of the same files
#   (c) check: peak RSS under 64 MB
#   (d) project checks on (repo-Nk) within 1.5x of --no-project on the same specs
#   (e) a 30 KB spec parsed and checked in under 5 ms (criterion, benches/latency.rs)
#   (f) `files --spec` on a ~10,863-file tree within 4x of its reference,
#       `rg -c -i -F -f TERMS` (TERMS: the query terms techspec derives from
#       the spec, `files --print-terms`; case-insensitive fixed strings over the
#       same tree, same ignore rules: the search a user would run by hand)
# and, when OLD_TECHSPEC is set, `check --no-project` of both binaries.
#
# Everything it installs goes under target/: markdownlint-cli2 (npm, pinned)
# in target/bench-tools/npm, rumdl (PyPI, pinned) in target/bench-tools/venv.
# hyperfine, ripgrep and GNU time come from apt-get when missing.
# Results: target/bench-results/ (hyperfine JSON, peak RSS, table.md).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
# The runs happen inside the corpus folder: a relative OLD_TECHSPEC is made absolute first.
[ -n "${OLD_TECHSPEC:-}" ] && OLD_TECHSPEC=$(realpath "$OLD_TECHSPEC")
SHARED="${SHARED:-$ROOT/../shared}"
TOOLS="$ROOT/target/bench-tools"
CORPUS="$ROOT/target/bench-corpus"
OUT="$ROOT/target/bench-results"
MDL_VERSION=0.22.0
RUMDL_VERSION=0.3.0
RUNS="${BENCH_RUNS:-10}"
mkdir -p "$TOOLS" "$CORPUS" "$OUT"

# ---------------------------------------------------------------- tools
need_apt=()
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
command -v rg >/dev/null || need_apt+=(ripgrep)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
MDL="$TOOLS/npm/node_modules/.bin/markdownlint-cli2"
if ! grep -q "\"version\": \"$MDL_VERSION\"" "$TOOLS/npm/node_modules/markdownlint-cli2/package.json" 2>/dev/null; then
  echo "== npm install markdownlint-cli2@$MDL_VERSION"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS/npm" "markdownlint-cli2@$MDL_VERSION" >/dev/null
fi
RUMDL="$TOOLS/venv/bin/rumdl"
# (grep without -q: under pipefail, -q's early exit would fail pip with SIGPIPE)
if ! "$TOOLS/venv/bin/pip" show rumdl 2>/dev/null | grep "^Version: $RUMDL_VERSION$" >/dev/null; then
  echo "== pip install rumdl==$RUMDL_VERSION"
  python3 -m venv "$TOOLS/venv"
  "$TOOLS/venv/bin/pip" install --quiet "rumdl==$RUMDL_VERSION"
fi

# ---------------------------------------------------------------- corpora
sizes=(1000 10000)
[ -n "${BENCH_QUICK:-}" ] && sizes=(1000)
for n in "${sizes[@]}"; do
  dir="$CORPUS/$((n / 1000))k"
  if [ "$(ls "$dir" 2>/dev/null | grep -c '\.md$')" != "$n" ]; then
    echo "== generating $n specs in $dir"
    rm -rf "$dir"
    python3 "$SHARED/bench/gen_corpus.py" "$n" "$dir"
  fi
done
# The same specs inside a repository (for the project checks: TS3xx): a `.git`
# marker, Cursor rules (one always-on, one by glob), an AGENTS.md, two skills, the
# project's own template named by a create-techspec command, and every file the
# specs' Relevant Files name (empty), so `check` does all its project work.
make_repo() { # make_repo SPECS_DIR REPO_DIR
  local specs=$1 repo=$2
  [ -f "$repo/.complete" ] && [ "$(ls "$repo/specs" | grep -c '\.md$')" = "$(ls "$specs" | grep -c '\.md$')" ] && return
  echo "== generating a repository around $specs in $repo"
  rm -rf "$repo"
  mkdir -p "$repo/.git" "$repo/specs" "$repo/.cursor/rules" "$repo/.claude/skills/api-design" \
    "$repo/.claude/skills/go-testing" "$repo/.claude/commands" "$repo/templates"
  cp -l "$specs"/*.md "$repo/specs/" 2>/dev/null || cp "$specs"/*.md "$repo/specs/"
  printf -- '---\ndescription: Security baseline\nalwaysApply: true\n---\nValidate every input.\n' \
    >"$repo/.cursor/rules/security.mdc"
  printf -- '---\ndescription: Go style\nglobs: "**/*.go"\nalwaysApply: false\n---\nUse gofmt.\n' \
    >"$repo/.cursor/rules/go-style.mdc"
  printf '# Agents\n\nRun the tests before committing.\n' >"$repo/AGENTS.md"
  printf -- '---\nname: api-design\ndescription: REST API conventions\n---\nUse plural nouns.\n' \
    >"$repo/.claude/skills/api-design/SKILL.md"
  printf -- '---\nname: go-testing\ndescription: Table-driven Go tests\n---\nUse t.Run.\n' \
    >"$repo/.claude/skills/go-testing/SKILL.md"
  "$TECHSPEC" template show standard >"$repo/templates/techspec-template.md"
  printf '# Create a tech spec\n\nWrite it from @templates/techspec-template.md.\n' \
    >"$repo/.claude/commands/create-techspec.md"
  grep -ho '`[a-z]*/[a-z_/]*\.go`' "$specs"/*.md | tr -d '`' | sort -u | while read -r f; do
    mkdir -p "$repo/$(dirname "$f")" && : >"$repo/$f"
  done
  touch "$repo/.complete"
}

# One hostile spec (issue 16): 2.1 MB of unclosed `[` guidance paragraphs in
# one section. TS201 once searched the rest of the section for each one
# (quadratic: 15 s); it must stay in line with the other specs.
BRACKETS="$CORPUS/hostile/brackets.md"
if [ ! -f "$BRACKETS" ]; then
  mkdir -p "$CORPUS/hostile"
  python3 - "$ROOT/examples/refunds/tasks/prd-payment-refunds/techspec.md" "$BRACKETS" <<'PY'
import sys
spec = open(sys.argv[1]).read()
para = "[Brief description of the main components and their responsibilities:\n\n"
filler = para * (2_100_000 // len(para))
open(sys.argv[2], "w").write(spec.replace("### Component Overview\n\n", "### Component Overview\n\n" + filler))
PY
fi
cp "$SHARED/bench/markdownlint-cli2.jsonc" "$CORPUS/.markdownlint-cli2.jsonc"
cp "$SHARED/bench/rumdl.toml" "$CORPUS/rumdl.toml"

# A repository of source files for `check --implemented` (issue 15): N files
# of TypeScript, Python and Go with route declarations and type/function
# declarations, and one spec whose Main Interfaces, API Endpoints and new
# Relevant Files name some of them (and a few that do not exist).
make_source_repo() { # make_source_repo N REPO_DIR
  local n=$1 repo=$2
  [ -f "$repo/.complete" ] && [ "$(cat "$repo/.complete")" = "$n" ] && return
  echo "== generating a source repository of $n files in $repo"
  rm -rf "$repo"
  mkdir -p "$repo/.git"
  python3 - "$n" "$repo" <<'PY'
import os, sys
n, repo = int(sys.argv[1]), sys.argv[2]
names, endpoints, files = [], [], []
for i in range(n):
    kind = ("ts", "py", "go")[i % 3]
    d = os.path.join(repo, "src", f"mod{i // 100}")
    os.makedirs(d, exist_ok=True)
    body = "\n".join(f"// filler line {j} of file {i} with some words to read" for j in range(60))
    if kind == "ts":
        code = f"import {{ Router }} from 'express';\nexport const router{i} = Router();\nrouter{i}.get('/items{i}/:id', h);\nexport interface Item{i}Service {{ get(id: string): Item{i} }}\nexport function makeItem{i}() {{}}\n{body}\n"
    elif kind == "py":
        code = f"from fastapi import APIRouter\nrouter = APIRouter(prefix='/orders{i}')\n@router.post('/{{order_id}}')\ndef create_order{i}(order_id: str): ...\nclass Order{i}Repository: ...\n" + body.replace("//", "#") + "\n"
    else:
        code = f"package mod\n\ntype Ledger{i} struct{{}}\n\nfunc NewLedger{i}() *Ledger{i} {{ return nil }}\n\nfunc routes{i}(mux *http.ServeMux) {{ mux.HandleFunc(\"DELETE /ledgers{i}/{{id}}\", h) }}\n{body}\n"
    path = os.path.join(d, f"f{i}.{kind}")
    open(path, "w").write(code)
    if i % (n // 20 or 1) == 0:
        files.append(os.path.relpath(path, repo))
        if kind == "ts":
            names.append(f"export interface Item{i}Service {{ get(id: string): Item{i} }}")
            endpoints.append(f"- `GET /items{i}/{{id}}`")
        elif kind == "py":
            names.append(f"class Order{i}Repository: ...")
            endpoints.append(f"- `POST /orders{i}/{{orderId}}`")
        else:
            names.append(f"func NewLedger{i}() *Ledger{i}")
            endpoints.append(f"- `DELETE /ledgers{i}/:id`")
names += ["type MissingService interface{}", "func MissingFactory()"]
endpoints += ["- `GET /missing/{id}`"]
spec = "# Technical Specification: Bench\n\n## Implementation Design\n\n### Main Interfaces\n\n```\n" + "\n\n".join(names) + "\n```\n\n### API Endpoints\n\n" + "\n".join(endpoints) + "\n\n## Relevant Files\n\n" + "\n".join(f"- `{f}` (new)" for f in files + ["src/missing.ts"]) + "\n"
os.makedirs(os.path.join(repo, "specs"), exist_ok=True)
open(os.path.join(repo, "specs", "techspec.md"), "w").write(spec)
PY
  echo "$n" >"$repo/.complete"
}

# ---------------------------------------------------------------- build
echo "== cargo build --release"
cargo build --release --quiet
TECHSPEC="${CARGO_TARGET_DIR:-$ROOT/target}/release/techspec"
for n in "${sizes[@]}"; do
  make_repo "$CORPUS/$((n / 1000))k" "$CORPUS/repo-$((n / 1000))k"
  make_source_repo "$n" "$CORPUS/source-$((n / 1000))k"
done
# The tree of crate sources for `techspec files` (bench/files_tree.sh).
FILES_TREE="$CORPUS/files-tree"
bash bench/files_tree.sh "$FILES_TREE" "${BENCH_FILES:-10863}"
"$TECHSPEC" files --spec "$FILES_TREE/spec-query.md" --print-terms >"$FILES_TREE/.terms.txt"

# ---------------------------------------------------------------- machine
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cores (nproc): $(nproc)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "memory: $(free -g | awk '/^Mem:/{print $2}') GiB"
  echo "kernel: $(uname -r)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "techspec: $("$TECHSPEC" --version) (rustc $(rustc -V | cut -d' ' -f2))"
  [ -n "${OLD_TECHSPEC:-}" ] && echo "old techspec (OLD_TECHSPEC): $OLD_TECHSPEC, $("$OLD_TECHSPEC" --version)"
  echo "markdownlint-cli2: $MDL_VERSION (node $(node --version))"
  echo "rumdl: $("$RUMDL" --version 2>&1 | head -1)"
  echo "hyperfine: $(hyperfine --version)"
  echo "ripgrep: $(rg --version | head -1)"
  echo "cat: $(cat --version | head -1)"
} | tee "$OUT/machine.txt"

# ---------------------------------------------------------------- measure
# Every command runs from the corpus folder on a warm page cache; hyperfine
# ignores exit codes (linters exit 1 on findings).
cd "$CORPUS"
rm -f "$OUT"/*.json "$OUT"/*.rss
# MEASURE_OUTPUT=pipe: hyperfine pipes stdout instead of the command
# redirecting it to /dev/null (ripgrep takes shortcuts when stdout is /dev/null).
measure() { # measure NAME RUNS WARMUP COMMAND
  local name=$1 runs=$2 warmup=$3 cmd=$4
  echo "== $name ($runs run(s)): $cmd"
  if [ "$runs" = 1 ]; then
    # One run (markdownlint-cli2): wall time and peak RSS from the same run.
    /usr/bin/time -f "%e %M" -o "$OUT/$name.time" bash -c "$cmd >/dev/null 2>&1" || true
    python3 -c "import json,sys; t,m=open(sys.argv[1]).read().split()[-2:]; json.dump({'results':[{'median':float(t),'times':[float(t)]}]},open(sys.argv[2],'w')); open(sys.argv[3],'w').write(m)" \
      "$OUT/$name.time" "$OUT/$name.json" "$OUT/$name.rss"
  else
    hyperfine --style basic -i --output="${MEASURE_OUTPUT:-null}" --runs "$runs" --warmup "$warmup" --export-json "$OUT/$name.json" "$cmd" >/dev/null
    /usr/bin/time -f %M -o "$OUT/$name.rss" bash -c "$cmd >/dev/null 2>&1" || true
  fi
  python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print('   median %.3f s' % r['median'])" "$OUT/$name.json"
}
# A configuration that turns every check off (one per docs/checks/TSNNN.md).
NOCHECKS="$OUT/nochecks.toml"
{ echo "[checks]"; for f in "$ROOT"/docs/checks/TS*.md; do c=$(basename "$f" .md); [ "$c" = TS901 ] || [ "$c" = TS902 ] || echo "$c = \"off\""; done; } >"$NOCHECKS"
for n in "${sizes[@]}"; do
  k="$((n / 1000))k"
  cat "$k"/*.md >/dev/null # warm the cache
  measure "cat-$k" "$RUNS" 2 "cat $k/*.md > /dev/null"
  MEASURE_OUTPUT=pipe measure "rg-$k" "$RUNS" 2 "rg -c '^#' $k"
  measure "techspec-j1-$k" "$RUNS" 2 "$TECHSPEC check --no-project --format json -j 1 $k > /dev/null"
  measure "techspec-$k" "$RUNS" 2 "$TECHSPEC check --no-project --format json $k > /dev/null"
  # The floor of this design: every check off (read, parse, template choice, output).
  measure "techspec-nochecks-$k" "$RUNS" 2 "$TECHSPEC check --no-project --config $NOCHECKS --format json $k > /dev/null"
  if [ -n "${OLD_TECHSPEC:-}" ]; then
    measure "old-techspec-$k" "$RUNS" 2 "$OLD_TECHSPEC check --no-project --format json $k > /dev/null"
  fi
  # Project checks on (rules, skills, a project template, Relevant Files) against
  # --no-project on the same specs in the same repository.
  measure "techspec-noproject-repo-$k" "$RUNS" 2 "cd repo-$k && $TECHSPEC check --no-project --format json specs > /dev/null"
  measure "techspec-project-repo-$k" "$RUNS" 2 "cd repo-$k && $TECHSPEC check --format json specs > /dev/null"
  # check --implemented (one walk, one parallel scan of every source file for
  # all declared names and routes) against plain check of the same spec and
  # against rg searching the same files for the same declarations and routes.
  measure "techspec-check-source-$k" "$RUNS" 2 "cd source-$k && $TECHSPEC check --format json specs/techspec.md > /dev/null"
  measure "techspec-implemented-source-$k" "$RUNS" 2 "cd source-$k && $TECHSPEC check --implemented --format json specs/techspec.md > /dev/null"
  MEASURE_OUTPUT=pipe measure "rg-implemented-source-$k" "$RUNS" 2 "cd source-$k && rg -c -e '^\\s*(export\\s+)?(type|interface|class|struct|func|def|function)\\s+(Item[0-9]+Service|Order[0-9]+Repository|NewLedger[0-9]+|Missing\\w+)\\b' -e '\\.(get|post|put|patch|delete)\\(\\s*.?/' -e 'HandleFunc\\(' src"
  measure "rumdl-$k" 5 1 "$RUMDL check --no-cache --config rumdl.toml $k > /dev/null"
  if [ "$n" -lt 10000 ] || [ -z "${BENCH_SKIP_MDL:-}" ]; then
    measure "markdownlint-cli2-$k" 1 0 "$MDL '$k/*.md' > /dev/null"
  fi
done
measure "techspec-brackets" "$RUNS" 1 "$TECHSPEC check --no-project --format json hostile/brackets.md > /dev/null"
# `files` on the tree of crate sources, against ripgrep on the same tree: the
# walk alone, the spec's terms (the reference of target f), a short query.
FRUNS=$RUNS
[ -n "${BENCH_QUICK:-}" ] && FRUNS=3
MEASURE_OUTPUT=pipe measure "rg-files-tree" "$FRUNS" 1 "cd files-tree && rg --files ."
MEASURE_OUTPUT=pipe measure "rg-terms-tree" "$FRUNS" 1 "cd files-tree && rg -c -i -F -f .terms.txt ."
MEASURE_OUTPUT=pipe measure "rg-5terms-tree" "$FRUNS" 1 "cd files-tree && rg -c -i 'parallel|directory|walker|honouring|gitignore' ."
MEASURE_OUTPUT=pipe measure "techspec-files-spec-tree" "$FRUNS" 1 "cd files-tree && $TECHSPEC files --spec spec-query.md"
MEASURE_OUTPUT=pipe measure "techspec-files-query-tree" "$FRUNS" 1 "cd files-tree && $TECHSPEC files --query 'parallel directory walker honouring gitignore'"
cd "$ROOT"

# ---------------------------------------------------------------- latency
# Target e: criterion's median for one ~30 KB spec parsed and put through every
# check (benches/latency.rs), read from its estimates.
CRITERION="${CARGO_TARGET_DIR:-$ROOT/target}/criterion"
rm -rf "$CRITERION/latency"
crit=(--noplot)
[ -n "${BENCH_QUICK:-}" ] && crit+=(--warm-up-time 1 --measurement-time 2)
echo "== cargo bench --bench latency -- ${crit[*]}"
cargo bench --quiet --bench latency -- "${crit[@]}" >"$OUT/latency.txt" 2>&1 || { cat "$OUT/latency.txt"; exit 1; }

# ---------------------------------------------------------------- table
python3 - "$OUT" "$CORPUS" "$CRITERION" "${sizes[@]}" <<'EOF' | tee "$OUT/table.md"
import glob, json, os, subprocess, sys
out, corpus, criterion, sizes = sys.argv[1], sys.argv[2], sys.argv[3], [int(s) for s in sys.argv[4:]]

def load(name):
    """(median s, runs, peak RSS KiB) of one measured command, or None."""
    p = os.path.join(out, f"{name}.json")
    if not os.path.exists(p):
        return None
    r = json.load(open(p))["results"][0]
    rss = os.path.join(out, f"{name}.rss")
    kib = int(open(rss).read().split()[-1]) if os.path.exists(rss) else 0
    return r["median"], len(r["times"]), kib

tools = [("techspec-j1", "techspec check, 1 thread"), ("techspec", "techspec check, all cores"),
         ("techspec-nochecks", "techspec check, every check off (the design's floor)"),
         ("old-techspec", "OLD_TECHSPEC check, all cores"),
         ("rumdl", "rumdl check (MD043 only)"), ("markdownlint-cli2", "markdownlint-cli2 (MD043 only)"),
         ("cat", "cat (floor)"), ("rg", "rg -c '^#' (floor)")]
print("| corpus | tool | runs | median wall | files/s | MB/s | peak RSS | techspec (all cores) is |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
for n in sizes:
    k = f"{n // 1000}k"
    d = os.path.join(corpus, k)
    mb = sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d) if f.endswith(".md")) / 1e6
    res = {key: load(f"{key}-{k}") for key, _ in tools}
    ts = res["techspec"][0] if res["techspec"] else None
    for key, label in tools:
        if not res[key]:
            continue
        t, runs, rss = res[key]
        if key in ("techspec", "techspec-j1") or ts is None:
            ratio = ""
        elif key == "techspec-nochecks":
            ratio = f"{ts / t:.2f}x the time of the floor"
        elif key == "old-techspec":
            ratio = f"{ts / t:.2f}x the time of OLD_TECHSPEC"
        elif key in ("cat", "rg"):
            ratio = f"{ts / t:.2f}x the time of {key}"
        else:
            ratio = f"{t / ts:.1f}x faster"
        print(f"| {n:,} specs, {mb:.0f} MB | {label} | {runs} | {t:.3f} s | {n / t:,.0f} | {mb / t:,.0f} | {rss / 1024:.1f} MB | {ratio} |")
    p, q = load(f"techspec-project-repo-{k}"), load(f"techspec-noproject-repo-{k}")
    if p and q:
        print(f"| {n:,} specs in a repository | techspec check, project checks on / --no-project | {p[1]} | {p[0]:.3f} s / {q[0]:.3f} s | | | {p[2] / 1024:.1f} MB | project checks cost {p[0] / q[0]:.2f}x |")
    i, c, g = load(f"techspec-implemented-source-{k}"), load(f"techspec-check-source-{k}"), load(f"rg-implemented-source-{k}")
    if i and c and g:
        print(f"| one spec, {n:,} source files | techspec check --implemented / check / rg (same declarations and routes) | {i[1]} | {i[0]:.3f} s / {c[0]:.3f} s / {g[0]:.3f} s | {n / i[0]:,.0f} | | | --implemented is {i[0] / g[0]:.2f}x the time of rg |")
b = load("techspec-brackets")
if b:
    print(f"| one hostile spec, 2.1 MB of unclosed `[` | techspec check | {b[1]} | {b[0]:.3f} s | | | {b[2] / 1024:.1f} MB | |")

# `files` on the tree of crate sources.
tree = os.path.join(corpus, "files-tree")
terms = sum(1 for _ in open(os.path.join(tree, ".terms.txt")))
listed = subprocess.run(["rg", "--files", "-0"], cwd=tree, capture_output=True, check=True).stdout
listed = [f for f in listed.decode().split("\0") if f]
nfiles, nbytes = len(listed), sum(os.path.getsize(os.path.join(tree, f)) for f in listed)
frows = [("rg-files-tree", "`rg --files` (the walk)"),
         ("rg-5terms-tree", "`rg -c -i`, the short query's 5 terms"),
         ("rg-terms-tree", f"`rg -c -i -F -f TERMS`, the spec's {terms} terms (reference of f)"),
         ("techspec-files-query-tree", "`techspec files --query` (5 terms)"),
         ("techspec-files-spec-tree", "`techspec files --spec spec-query.md`")]
fres = {key: load(key) for key, _ in frows}
walk = fres["rg-files-tree"][0] if fres["rg-files-tree"] else None
ref = fres["rg-terms-tree"][0] if fres["rg-terms-tree"] else None
print()
print(f"`files` on a tree of crate sources ({nfiles:,} files, {nbytes / 1e6:.0f} MB not ignored; both tools honour the same `.gitignore`s and skip hidden files):")
print()
print("| command | runs | median wall | peak RSS | vs `rg --files` | vs reference |")
print("| --- | --- | --- | --- | --- | --- |")
for key, label in frows:
    if not fres[key]:
        continue
    t, runs, rss = fres[key]
    vs = f"{t / walk:.2f}x | {t / ref:.2f}x" if walk and ref else " | "
    print(f"| {label} | {runs} | {t:.3f} s | {rss / 1024:.1f} MB | {vs} |")

# The targets of issue 17, on the largest corpus of this run.
n = max(sizes)
k = f"{n // 1000}k"
note = "" if n >= 10000 else f" (on {n:,} specs: BENCH_QUICK, indicative only)"
rows = []
def row(target, figure, ok):
    rows.append((target, figure, "met" if ok else "**not met**"))
ts, rum, cat = load(f"techspec-{k}"), load(f"rumdl-{k}"), load(f"cat-{k}")
if ts and rum:
    floor = load(f"techspec-nochecks-{k}")
    beside = f" (every check off: {rum[0] / floor[0]:.2f}x faster)" if floor else ""
    row(f"(a) `check`, every check, all cores, vs rumdl (MD043 only): at least 3x faster{note}",
        f"{rum[0]:.3f} s / {ts[0]:.3f} s = {rum[0] / ts[0]:.2f}x faster{beside}", rum[0] / ts[0] >= 3)
if ts and cat:
    row(f"(b) `check` vs `cat` of the same files: within 2x{note}",
        f"{ts[0]:.3f} s / {cat[0]:.3f} s = {ts[0] / cat[0]:.2f}x", ts[0] / cat[0] <= 2)
if ts:
    row(f"(c) `check` peak memory: under 64 MB{note}", f"{ts[2] / 1024:.1f} MB", ts[2] / 1024 < 64)
p, q = load(f"techspec-project-repo-{k}"), load(f"techspec-noproject-repo-{k}")
if p and q:
    row(f"(d) project checks on (repo-{k}) vs `--no-project`, same specs: within 1.5x{note}",
        f"{p[0]:.3f} s / {q[0]:.3f} s = {p[0] / q[0]:.2f}x", p[0] / q[0] <= 1.5)
est = glob.glob(os.path.join(criterion, "latency", "check_bytes_synthetic-30k", "new", "estimates.json"))
real = glob.glob(os.path.join(criterion, "latency", "check_bytes_real-*", "new", "estimates.json"))
if est:
    med = json.load(open(est[0]))["median"]["point_estimate"] / 1e6
    fig, worst = f"{med * 1000:.0f} µs (synthetic 30 KB English spec)", med
    if real:
        mr = json.load(open(real[0]))["median"]["point_estimate"] / 1e6
        fig += f", {mr * 1000:.0f} µs (real 29.8 KB Portuguese spec)"
        worst = max(worst, mr)
    row("(e) a 30 KB spec parsed and checked (criterion median): under 5 ms", fig, worst < 5)
else:
    rows.append(("(e) a 30 KB spec parsed and checked: under 5 ms", "no criterion estimates", "not measured"))
s, r = fres["techspec-files-spec-tree"], fres["rg-terms-tree"]
if s and r:
    row(f"(f) `files --spec` on {nfiles:,} files vs `rg -c -i -F -f TERMS` ({terms} terms): within 4x",
        f"{s[0]:.3f} s / {r[0]:.3f} s = {s[0] / r[0]:.2f}x", s[0] / r[0] <= 4)
old, ts = load(f"old-techspec-{k}"), load(f"techspec-{k}")
if old and ts:
    rows.append((f"`check --no-project` on {n:,} specs vs OLD_TECHSPEC, side by side",
                 f"{ts[0]:.3f} s / {old[0]:.3f} s = {ts[0] / old[0]:.2f}x", "(no target in this table)"))
print()
print("| target (issue 17) | figure | |")
print("| --- | --- | --- |")
for t, f, m in rows:
    print(f"| {t} | {f} | {m} |")
EOF
echo "results in $OUT"
