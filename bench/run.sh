#!/usr/bin/env bash
# The benchmark of BENCHMARKS.md: techspec against markdownlint-cli2 and rumdl
# (both set to check the same heading list, MD043) and against the floor
# (`cat`, `rg`), on synthetic corpora of 1,000 and 10,000 specs, in one run.
#
#   bash bench/run.sh                 # full run (markdownlint-cli2 alone takes ~2-3 min on 10k)
#   BENCH_QUICK=1 bash bench/run.sh   # the 1,000-spec corpus only
#
# Everything it installs goes under target/: markdownlint-cli2 (npm, pinned)
# in target/bench-tools/npm, rumdl (PyPI, pinned) in target/bench-tools/venv.
# hyperfine, ripgrep and GNU time come from apt-get when missing.
# Results: target/bench-results/ (hyperfine JSON, peak RSS, table.md).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
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
if ! "$TOOLS/venv/bin/pip" show rumdl 2>/dev/null | grep -q "^Version: $RUMDL_VERSION$"; then
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

# ---------------------------------------------------------------- machine
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cores (nproc): $(nproc)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "memory: $(free -g | awk '/^Mem:/{print $2}') GiB"
  echo "kernel: $(uname -r)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "techspec: $("$TECHSPEC" --version) (rustc $(rustc -V | cut -d' ' -f2))"
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
measure() { # measure NAME RUNS WARMUP COMMAND
  local name=$1 runs=$2 warmup=$3 cmd=$4
  echo "== $name ($runs run(s)): $cmd"
  if [ "$runs" = 1 ]; then
    # One run (markdownlint-cli2): wall time and peak RSS from the same run.
    /usr/bin/time -f "%e %M" -o "$OUT/$name.time" bash -c "$cmd >/dev/null 2>&1" || true
    python3 -c "import json,sys; t,m=open(sys.argv[1]).read().split()[-2:]; json.dump({'results':[{'median':float(t),'times':[float(t)]}]},open(sys.argv[2],'w')); open(sys.argv[3],'w').write(m)" \
      "$OUT/$name.time" "$OUT/$name.json" "$OUT/$name.rss"
  else
    hyperfine --style basic -i --runs "$runs" --warmup "$warmup" --export-json "$OUT/$name.json" "$cmd" >/dev/null
    /usr/bin/time -f %M -o "$OUT/$name.rss" bash -c "$cmd >/dev/null 2>&1" || true
  fi
  python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print('   median %.3f s' % r['median'])" "$OUT/$name.json"
}
for n in "${sizes[@]}"; do
  k="$((n / 1000))k"
  cat "$k"/*.md >/dev/null # warm the cache
  measure "cat-$k" "$RUNS" 2 "cat $k/*.md > /dev/null"
  measure "rg-$k" "$RUNS" 2 "rg -c '^#' $k > /dev/null"
  measure "techspec-j1-$k" "$RUNS" 2 "$TECHSPEC check --no-project --format json -j 1 $k > /dev/null"
  measure "techspec-$k" "$RUNS" 2 "$TECHSPEC check --no-project --format json $k > /dev/null"
  # Project checks on (rules, skills, a project template, Relevant Files) against
  # --no-project on the same specs in the same repository.
  measure "techspec-noproject-repo-$k" "$RUNS" 2 "cd repo-$k && $TECHSPEC check --no-project --format json specs > /dev/null"
  measure "techspec-project-repo-$k" "$RUNS" 2 "cd repo-$k && $TECHSPEC check --format json specs > /dev/null"
  # check --implemented (one walk, one parallel scan of every source file for
  # all declared names and routes) against plain check of the same spec and
  # against rg searching the same files for the same declarations and routes.
  measure "techspec-check-source-$k" "$RUNS" 2 "cd source-$k && $TECHSPEC check --format json specs/techspec.md > /dev/null"
  measure "techspec-implemented-source-$k" "$RUNS" 2 "cd source-$k && $TECHSPEC check --implemented --format json specs/techspec.md > /dev/null"
  measure "rg-implemented-source-$k" "$RUNS" 2 "cd source-$k && rg -c -e '^\\s*(export\\s+)?(type|interface|class|struct|func|def|function)\\s+(Item[0-9]+Service|Order[0-9]+Repository|NewLedger[0-9]+|Missing\\w+)\\b' -e '\\.(get|post|put|patch|delete)\\(\\s*.?/' -e 'HandleFunc\\(' src > /dev/null"
  measure "rumdl-$k" 5 1 "$RUMDL check --no-cache --config rumdl.toml $k > /dev/null"
  measure "markdownlint-cli2-$k" 1 0 "$MDL '$k/*.md' > /dev/null"
done
measure "techspec-brackets" "$RUNS" 1 "$TECHSPEC check --no-project --format json hostile/brackets.md > /dev/null"
cd "$ROOT"

# ---------------------------------------------------------------- table
python3 - "$OUT" "$CORPUS" "${sizes[@]}" <<'EOF' | tee "$OUT/table.md"
import json, os, sys
out, corpus, sizes = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3:]]
tools = [("techspec-j1", "techspec check, 1 thread"), ("techspec", "techspec check, all cores"),
         ("rumdl", "rumdl check (MD043 only)"), ("markdownlint-cli2", "markdownlint-cli2 (MD043 only)"),
         ("cat", "cat (floor)"), ("rg", "rg -c '^#' (floor)")]
print("| corpus | tool | runs | median wall | files/s | MB/s | peak RSS | techspec (all cores) is |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
for n in sizes:
    k = f"{n // 1000}k"
    d = os.path.join(corpus, k)
    mb = sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d) if f.endswith(".md")) / 1e6
    res = {}
    for key, _ in tools:
        p = os.path.join(out, f"{key}-{k}.json")
        if os.path.exists(p):
            r = json.load(open(p))["results"][0]
            rss = open(os.path.join(out, f"{key}-{k}.rss")).read().split()[-1]
            res[key] = (r["median"], len(r["times"]), int(rss))
    ts = res.get("techspec", (None,))[0]
    for key, label in tools:
        if key not in res:
            continue
        t, runs, rss = res[key]
        if key in ("techspec", "techspec-j1") or ts is None:
            ratio = ""
        elif key in ("cat", "rg"):
            ratio = f"{ts / t:.2f}x the time of {key}"
        else:
            ratio = f"{t / ts:.1f}x faster"
        print(f"| {n:,} specs, {mb:.0f} MB | {label} | {runs} | {t:.3f} s | {n / t:,.0f} | {mb / t:,.0f} | {rss / 1024:.1f} MB | {ratio} |")
    p, q = (os.path.join(out, f"{key}-repo-{k}.json") for key in ("techspec-project", "techspec-noproject"))
    if os.path.exists(p) and os.path.exists(q):
        tp, tq = (json.load(open(x))["results"][0]["median"] for x in (p, q))
        print(f"| {n:,} specs in a repository | techspec check, project checks on / --no-project | {len(json.load(open(p))['results'][0]['times'])} | {tp:.3f} s / {tq:.3f} s | | | | project checks cost {tp / tq:.2f}x (target: within 1.5x) |")
    i, c, g = (os.path.join(out, f"{key}-source-{k}.json") for key in ("techspec-implemented", "techspec-check", "rg-implemented"))
    if all(os.path.exists(x) for x in (i, c, g)):
        ti, tc, tg = (json.load(open(x))["results"][0]["median"] for x in (i, c, g))
        print(f"| one spec, {n:,} source files | techspec check --implemented / check / rg (same declarations and routes) | {len(json.load(open(i))['results'][0]['times'])} | {ti:.3f} s / {tc:.3f} s / {tg:.3f} s | {n / ti:,.0f} | | | --implemented is {ti / tg:.2f}x the time of rg |")
EOF
echo "results in $OUT"
