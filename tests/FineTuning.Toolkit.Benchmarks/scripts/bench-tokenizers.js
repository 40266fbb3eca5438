// Counts the tokens of every JSON string value of a JSONL file with npm tiktoken (WASM build of OpenAI's Rust core)
// and gpt-tokenizer (pure JS), single-threaded, alternating the two for ROUNDS rounds on the same strings, and prints
// one JSON object per tokenizer with the medians (CPU time and wall clock) of its runs.
// The file is read and parsed before timing starts; only token counting is timed.
// Usage: node bench-tokenizers.js FILE ENCODING [ROUNDS=5]
"use strict";
const fs = require("fs");
const file = process.argv[2];
const encodingName = process.argv[3] || "o200k_base";
const rounds = Number(process.argv[4] || 5);

const strings = [];
function collect(v) {
  if (typeof v === "string") strings.push(v);
  else if (Array.isArray(v)) v.forEach(collect);
  else if (v && typeof v === "object") for (const k of Object.keys(v)) collect(v[k]);
}
const content = fs.readFileSync(file, "utf8");
for (const line of content.split("\n")) if (line.trim()) collect(JSON.parse(line));
const fileBytes = fs.statSync(file).size;

function timed(count) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  let tokens = 0;
  for (const s of strings) tokens += count(s);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  return { tokens, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const gpt = require(`gpt-tokenizer/encoding/${encodingName}`);
const { get_encoding } = require("tiktoken");
const enc = get_encoding(encodingName);
const peers = [
  { name: "gpt-tokenizer@4.0.0", count: (s) => gpt.countTokens(s), runs: [] },
  { name: "tiktoken@1.0.22 (WASM)", count: (s) => enc.encode_ordinary(s).length, runs: [] },
];
for (const p of peers) for (const s of strings.slice(0, 2000)) p.count(s);
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? peers : [...peers].reverse();
  for (const p of order) p.runs.push(timed(p.count));
}
enc.free();

for (const p of peers) {
  const totals = new Set(p.runs.map((r) => r.tokens));
  if (totals.size !== 1) throw new Error(`${p.name} counted different totals on the same input: ${[...totals]}`);
  const seconds = median(p.runs.map((r) => r.seconds));
  const tokens = p.runs[0].tokens;
  console.log(JSON.stringify({
    tokenizer: p.name, encoding: encodingName, threads: 1, tokens, seconds,
    cpuSeconds: median(p.runs.map((r) => r.cpuSeconds)), fileBytes,
    mbPerSecond: fileBytes / 1048576 / seconds, tokensPerSecond: tokens / seconds,
    runs: p.runs.length, cpuSecondsRuns: p.runs.map((r) => Math.round(r.cpuSeconds * 1000) / 1000),
  }));
}
