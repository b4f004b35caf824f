#!/usr/bin/env bash
# The servers and machine outputs against real third-party clients (issue 13):
#   - the official MCP inspector CLI (npm @modelcontextprotocol/inspector 0.15): tools/list, a
#     call of every tool, resources/list and read, prompts/list and get; a server started in a
#     folder with no project marker refuses;
#   - an MCP client that offers roots (the official TypeScript SDK): the server follows them;
#   - Microsoft's SARIF multitool (npm @microsoft/sarif-multitool) validates the SARIF of the
#     corpus run, SARIF and GitHub rule kinds: no error, no warning;
#   - headless Neovim (Debian `neovim`) with the snippet of docs/editors.md against `techspec lsp`.
# Usage: bash scripts/ci-servers.sh [TECHSPEC_BIN]   (default: target/release/techspec)
# Installs what it needs (npm packages under target/ci-servers-tools, neovim with apt) once.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
bin=$(realpath "${1:-${TECHSPEC_BIN:-target/release/techspec}}")
[ -x "$bin" ] || { echo "ci-servers: $bin is missing; build it first (cargo build --release)" >&2; exit 1; }
tools=$repo/target/ci-servers-tools
corpus=$repo/../shared/corpus/specs

fail() { echo "ci-servers: FAIL: $*" >&2; exit 1; }
step() { echo "ci-servers: $*"; }

# --- tools -------------------------------------------------------------------------------
if [ ! -x "$tools/node_modules/.bin/mcp-inspector" ] || [ ! -x "$tools/node_modules/.bin/sarif-multitool" ]; then
  step "installing the MCP inspector 0.15 and the SARIF multitool (npm)"
  mkdir -p "$tools"
  (cd "$tools" && { [ -f package.json ] || npm init -y >/dev/null; } &&
    npm install --no-audit --no-fund --loglevel=error \
      @modelcontextprotocol/inspector@0.15.0 @microsoft/sarif-multitool@5.7.0 >/dev/null)
fi
if ! command -v nvim >/dev/null; then
  step "installing neovim (apt)"
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y neovim >/dev/null
fi
export NODE_PATH=$tools/node_modules
inspector=$tools/node_modules/.bin/mcp-inspector
multitool=$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
[ -x "$multitool" ] || multitool=$tools/node_modules/.bin/sarif-multitool

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A repository: the refunds example, its spec missing one section (one error).
ws=$work/ws
cp -r examples/refunds "$ws"
mkdir -p "$ws/.git"
spec=tasks/prd-payment-refunds/techspec.md
python3 - "$ws/$spec" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
a, b = s.index("## Monitoring and Observability"), s.index("## Technical Considerations")
open(p, "w").write(s[:a] + s[b:])
PY

# --- MCP: the inspector CLI ----------------------------------------------------------------
inspect() { (cd "$1" && shift && timeout 120 "$inspector" --cli "$bin" mcp "$@"); }
expect() { # expect JSON JQ-FILTER WHAT
  echo "$1" | jq -e "$2" >/dev/null || fail "$3: $(echo "$1" | head -c 2000)"
}

out=$(inspect "$ws" --method tools/list)
expect "$out" '[.tools[].name] | sort == ["techspec_check","techspec_explain","techspec_files","techspec_new","techspec_rules","techspec_template","techspec_trace"]' "tools/list"
step "inspector: tools/list lists the seven tools"

call() { inspect "$ws" --method tools/call --tool-name "$@"; }
out=$(call techspec_template --tool-arg name=standard outline=true)
expect "$out" '.isError != true and (.content[0].text | test("Executive Summary"))' "techspec_template"
out=$(call techspec_new --tool-arg "name=Inspector Export" path=tasks/prd-inspector-export/techspec.md)
expect "$out" '.isError != true' "techspec_new"
[ -f "$ws/tasks/prd-inspector-export/techspec.md" ] || fail "techspec_new wrote nothing"
out=$(call techspec_check --tool-arg "path=$spec" max_findings=10 include_infos=false)
expect "$out" '.isError != true and .structuredContent.summary.errors == 1 and (.content[0].text | test("TS101"))' "techspec_check"
out=$(call techspec_rules --tool-arg "path=$spec")
expect "$out" '.isError != true' "techspec_rules"
out=$(call techspec_files --tool-arg query=refund limit=3)
expect "$out" '.isError != true and (.content[0].text | test("refunds"))' "techspec_files (limit sent as a string)"
out=$(call techspec_explain --tool-arg code=TS101)
expect "$out" '.isError != true and (.content[0].text | test("missing-section"))' "techspec_explain"
out=$(call techspec_trace --tool-arg "path=$spec")
expect "$out" '.isError == true and (.content[0].text | test("no PRD"))' "techspec_trace without a PRD says where it looked"
printf '# PRD\n\n## Functional Requirements\n\n1. **FR-1**: A support agent refunds part of a payment.\n' >"$ws/${spec%/*}/prd.md"
out=$(call techspec_trace --tool-arg "path=$spec")
expect "$out" '.isError != true and .structuredContent.requirements[0].id == "FR-1"' "techspec_trace"
rm "$ws/${spec%/*}/prd.md"
step "inspector: every tool answers"

out=$(inspect "$ws" --method resources/list)
expect "$out" '[.resources[].uri] | (index("techspec://template/standard") != null and index("techspec://check/TS101") != null)' "resources/list"
out=$(inspect "$ws" --method resources/read --uri techspec://check/TS101)
expect "$out" '.contents[0].text | test("^# TS101 missing-section")' "resources/read"
out=$(inspect "$ws" --method prompts/list)
expect "$out" '[.prompts[].name] | index("create-techspec") != null' "prompts/list"
out=$(inspect "$ws" --method prompts/get --prompt-name create-techspec --prompt-args "feature=Payment Refunds")
expect "$out" '.messages[0].content.text | test("techspec_check")' "prompts/get"
step "inspector: resources and the create-techspec prompt"

mkdir -p "$work/empty"
out=$(inspect "$work/empty" --method tools/call --tool-name techspec_check)
expect "$out" '.isError == true and (.content[0].text | test("no workspace.*--root"))' "a server outside any project must refuse"
[ -z "$(ls -A "$work/empty")" ] || fail "the refusing server wrote into its start folder"
step "inspector: started in a folder with no project marker, the server refuses"

# --- MCP: a client that offers roots ---------------------------------------------------------
timeout 120 node scripts/ci-servers/roots-client.cjs "$bin" "$work/empty" "$ws" "$spec"

# --- SARIF: Microsoft's multitool on the corpus run -----------------------------------------
sarif_repo=$work/sarif
mkdir -p "$sarif_repo/.git"
cp -r "$corpus" "$sarif_repo/specs"
(cd "$sarif_repo" && "$bin" check --format sarif specs >"$work/corpus.sarif") || [ $? = 1 ] || fail "check --format sarif failed"
"$multitool" validate --rule-kind "Sarif;Gh" --level "Error;Warning" \
  -o "$work/validation.sarif" "$work/corpus.sarif" >"$work/validation.log" 2>&1 ||
  { cat "$work/validation.log"; fail "the SARIF multitool failed"; }
found=$(jq '[.runs[].results[]? | select((.level // "warning") == "error" or (.level // "warning") == "warning")] | length' "$work/validation.sarif")
if grep -qE ": (error|warning) " "$work/validation.log"; then found="${found}+"; fi
[ "$found" = 0 ] || { grep -E ": (error|warning) " "$work/validation.log" | head -20; fail "SARIF multitool: $found errors or warnings"; }
step "SARIF multitool: the corpus SARIF has no error and no warning (SARIF and GitHub rules)"

# --- LSP: headless Neovim with the docs/editors.md snippet ------------------------------------
bash scripts/ci-servers/nvim.sh "$bin" "$ws" "$spec"

step "all passed"
