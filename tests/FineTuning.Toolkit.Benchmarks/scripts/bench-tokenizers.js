// Counts the tokens of every JSON string value of a JSONL file with npm tiktoken (WASM build of OpenAI's Rust core)
// and gpt-tokenizer (pure JS), single-threaded, and prints one JSON object per tokenizer.
// The file is read and parsed before timing starts; only token counting is timed.
// Usage: node bench-tokenizers.js FILE ENCODING
"use strict";
const fs = require("fs");
const file = process.argv[2];
const encodingName = process.argv[3] || "o200k_base";

const strings = [];
function collect(v) {
  if (typeof v === "string") strings.push(v);
  else if (Array.isArray(v)) v.forEach(collect);
  else if (v && typeof v === "object") for (const k of Object.keys(v)) collect(v[k]);
}
const content = fs.readFileSync(file, "utf8");
for (const line of content.split("\n")) if (line.trim()) collect(JSON.parse(line));
const fileBytes = fs.statSync(file).size;

function run(name, count) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  let tokens = 0;
  for (const s of strings) tokens += count(s);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  console.log(JSON.stringify({ tokenizer: name, encoding: encodingName, threads: 1, tokens, seconds, cpuSeconds, fileBytes, mbPerSecond: fileBytes / 1048576 / seconds, tokensPerSecond: tokens / seconds }));
}

const gpt = require(`gpt-tokenizer/encoding/${encodingName}`);
run("gpt-tokenizer@4.0.0", (s) => gpt.countTokens(s));

const { get_encoding } = require("tiktoken");
const enc = get_encoding(encodingName);
run("tiktoken@1.0.22 (WASM)", (s) => enc.encode_ordinary(s).length);
enc.free();
