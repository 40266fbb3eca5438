// The floor for any validator: node's bare JSON.parse of every line of a JSONL file (no checks).
// Usage: node json-parse-pass.js FILE
"use strict";
const fs = require("fs");
let n = 0;
for (const line of fs.readFileSync(process.argv[2], "utf8").split("\n")) {
  if (line.trim()) { JSON.parse(line); n++; }
}
console.log(JSON.stringify({ lines: n }));
