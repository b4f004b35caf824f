#!/usr/bin/env bash
# Headless Neovim with the snippet of docs/editors.md against `techspec lsp`: diagnostics
# arrive for an open spec, and a rule file created afterwards re-checks it.
# Usage: nvim.sh TECHSPEC_BIN WORKSPACE SPEC_REL
set -euo pipefail
bin=$1 ws=$2 spec=$3
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The snippet exactly as documented: the first lua block under "## Neovim".
awk '/^## Neovim/{n=1} n&&/^```lua/{p=1;next} p&&/^```/{exit} p' "$here/../../docs/editors.md" >"$work/init.lua"
[ -s "$work/init.lua" ] || { echo "nvim: no lua snippet found in docs/editors.md" >&2; exit 1; }
mkdir -p "$work/bin"
ln -s "$bin" "$work/bin/techspec"
rm -f "$ws/.cursor/rules/security.mdc"
cat >"$work/drive.lua" <<'LUA'
local rule = vim.env.RULE
local function fail(msg)
  io.stderr:write('nvim: FAIL: ' .. msg .. '\n')
  vim.cmd('cquit 1')
end
local function messages()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do table.insert(out, d.message) end
  return table.concat(out, '\n')
end
if not vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 100) then
  fail('no diagnostics arrived for the spec')
end
if not messages():find('Monitoring and Observability', 1, true) then
  fail('expected the missing section, got: ' .. messages())
end
io.stdout:write('nvim: diagnostics arrived (' .. #vim.diagnostic.get(0) .. ')\n')
local f = assert(io.open(rule, 'w'))
f:write('---\ndescription: Secrets\nalwaysApply: true\n---\nNever log card numbers.\n')
f:close()
if not vim.wait(30000, function() return messages():find('security.mdc', 1, true) ~= nil end, 100) then
  fail('the rule created after opening did not re-check the spec: ' .. messages())
end
io.stdout:write('nvim: the new rule re-checked the open spec\n')
vim.cmd('qall!')
LUA
cd "$ws"
PATH="$work/bin:$PATH" RULE="$ws/.cursor/rules/security.mdc" timeout 120 \
  nvim --headless -u "$work/init.lua" -c 'filetype on' -c "edit $spec" -c "luafile $work/drive.lua"
rm -f "$ws/.cursor/rules/security.mdc"
echo "nvim: headless Neovim $(nvim --version | head -1 | cut -d' ' -f2) with the docs/editors.md snippet passed"
