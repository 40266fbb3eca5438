// On every case of the tokenizer test corpus (the ids OpenAI's tiktoken produced with encode_ordinary, committed in
// tests/FineTuning.Toolkit.Tests/TestData/Tokenization/expected-ids.json), counts the cases where gpt-tokenizer and
// npm tiktoken give other ids or another count, and prints one JSON object per tokenizer and encoding (the .NET side
// is `FineTuning.Toolkit.Benchmarks reference-cases`). Special-token text is ordinary text, as in encode_ordinary.
// Usage: node reference-cases.js EXPECTED_IDS_JSON
"use strict";
const fs = require("fs");
const { get_encoding } = require("tiktoken");
const { cases } = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));

function textOf(c) {
  if (c.text !== undefined) return c.text;
  if (c.repeat !== undefined) return c.repeat.repeat(c.count);
  return String.fromCharCode(...c.utf16);
}
const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

for (const encodingName of ["o200k_base", "cl100k_base"]) {
  const gpt = require(`gpt-tokenizer/encoding/${encodingName}`);
  const enc = get_encoding(encodingName);
  const peers = [
    { name: "gpt-tokenizer@4.0.0", encode: (s) => gpt.encode(s, { disallowedSpecial: new Set() }) },
    { name: "tiktoken@1.0.22 (WASM) encode_ordinary", encode: (s) => Array.from(enc.encode_ordinary(s)) },
  ];
  for (const p of peers) {
    let idsDiffer = 0, countDiffers = 0, threw = 0;
    const otherExamples = [];
    for (const c of cases) {
      const expected = c[encodingName];
      let ids;
      try {
        ids = p.encode(textOf(c));
      } catch (e) {
        threw++; idsDiffer++; countDiffers++;
        if (otherExamples.length < 12) otherExamples.push(`${c.name} (threw)`);
        continue;
      }
      if (!same(ids, expected)) {
        idsDiffer++;
        if (otherExamples.length < 12) otherExamples.push(c.name);
      }
      if (ids.length !== expected.length) countDiffers++;
    }
    console.log(JSON.stringify({ referenceCases: p.name, encoding: encodingName, cases: cases.length, idsDiffer, countDiffers, threw, otherDiffer: idsDiffer, otherExamples }));
  }
  enc.free();
}
