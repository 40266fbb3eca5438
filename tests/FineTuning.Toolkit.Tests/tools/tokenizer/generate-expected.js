// Generates tests/FineTuning.Toolkit.Tests/TestData/Tokenization/expected-ids.json with OpenAI's tiktoken
// (npm `tiktoken`, the WASM build of the Rust core) using encode_ordinary: special-token text is ordinary text.
// Usage: cd tests/FineTuning.Toolkit.Tests/tools/tokenizer && npm ci && node generate-expected.js
"use strict";
const fs = require("fs");
const path = require("path");
const { get_encoding } = require("tiktoken");
const { cases } = require("./corpus");

const encodings = ["o200k_base", "cl100k_base"];
const encoders = Object.fromEntries(encodings.map((e) => [e, get_encoding(e)]));
const version = JSON.parse(fs.readFileSync(path.join(__dirname, "node_modules", "tiktoken", "package.json"), "utf8")).version;

function textOf(c) {
  if (c.text !== undefined) return c.text;
  if (c.repeat !== undefined) return c.repeat.repeat(c.count);
  return String.fromCharCode(...c.utf16);
}

const out = { generator: `tiktoken@${version} encode_ordinary`, cases: [] };
for (const c of cases()) {
  const text = textOf(c);
  const entry = { ...c };
  for (const e of encodings) entry[e] = Array.from(encoders[e].encode_ordinary(text));
  out.cases.push(entry);
}
for (const e of encodings) encoders[e].free();

const target = path.join(__dirname, "..", "..", "TestData", "Tokenization", "expected-ids.json");
fs.mkdirSync(path.dirname(target), { recursive: true });
// One case per line keeps diffs readable.
const body = out.cases.map((c) => "  " + JSON.stringify(c)).join(",\n");
fs.writeFileSync(target, `{"generator": ${JSON.stringify(out.generator)}, "cases": [\n${body}\n]}\n`);
console.log(`wrote ${out.cases.length} cases to ${target}`);
