// Prints the Markdown tables of bench-tokenizers.sh from its two JSON-lines result files and exits 1 when the
// tokenizers disagree on the token count of the generated file or ours differs from tiktoken on a reference case.
// Usage: node summarize.js THROUGHPUT_RESULTS REFERENCE_RESULTS
"use strict";
const fs = require("fs");
const read = (f) => fs.readFileSync(f, "utf8").trim().split("\n").filter(Boolean).map(JSON.parse);
const all = read(process.argv[2]);
const rows = all.filter((r) => r.tokenizer);
const agreement = all.filter((r) => r.agreement);
const reference = read(process.argv[3]);
const n = (x) => x.toLocaleString("en-US");
let failed = false;

const ours = rows.find((r) => r.tokenizer.startsWith("FineTuning.Toolkit CountTokens"));
console.log("");
console.log("| Tokenizer | Threads | Runs | MB/s (CPU, median) | MB/s (wall, median) | CPU time vs ours | Allocated per run | Tokens |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const r of rows) {
  const mb = r.fileBytes / 1048576;
  const ratio = r === ours || r.threads !== 1 || r.runs === 1 ? "" : `${(r.cpuSeconds / ours.cpuSeconds).toFixed(2)}×`;
  const alloc = r.allocatedBytesPerRun === undefined ? "" : `${n(Math.round(r.allocatedBytesPerRun / 1048576))} MB`;
  console.log(`| ${r.tokenizer} | ${r.threads} | ${r.runs} | ${(mb / r.cpuSeconds).toFixed(1)} | ${(mb / r.seconds).toFixed(1)} | ${ratio} | ${alloc} | ${n(r.tokens)} |`);
}
const counts = new Set(rows.map((r) => r.tokens));
console.log("");
if (counts.size === 1) console.log(`All tokenizers agree on the token count (${n(ours.tokens)}).`);
else { failed = true; console.log("TOKEN COUNTS DIFFER: " + [...counts].map(n).join(", ")); }
for (const a of agreement) console.log(`${a.agreement}: ${n(a.stringsDiffering)} of ${n(a.strings)} strings counted differently from ours.`);

console.log("");
console.log("| Tokenizer | Encoding | Reference cases | Ids differ from tiktoken | Count differs | Of which special-token text only | Other |");
console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
for (const r of reference) {
  if (r.oursDiffersFromTiktoken) { failed = true; continue; }
  const special = r.specialTokenTextOnly === undefined ? "" : n(r.specialTokenTextOnly);
  console.log(`| ${r.referenceCases} | ${r.encoding} | ${n(r.cases)} | ${n(r.idsDiffer)} | ${n(r.countDiffers)} | ${special} | ${n(r.otherDiffer)} |`);
  if (r.referenceCases.startsWith("FineTuning.Toolkit") && r.idsDiffer !== 0) failed = true;
}
for (const r of reference) {
  if (r.otherExamples && r.otherExamples.length) console.log(`${r.referenceCases} ${r.encoding}, e.g.: ${r.otherExamples.join("; ")}`);
}
if (failed) console.log("\nFAILED: see above.");
process.exit(failed ? 1 : 0);
