// The peer for `ftk validate FILE --model M` (exact token counts): reads and parses every line of a chat JSONL and
// counts the tokens of every message's content with gpt-tokenizer (pure JS), as a validator that counts tokens must.
// Usage: node gpt-tokenizer-count.js FILE [ENCODING=o200k_base]
"use strict";
const fs = require("fs");
const gpt = require(`gpt-tokenizer/encoding/${process.argv[3] || "o200k_base"}`);
let tokens = 0, examples = 0;
for (const line of fs.readFileSync(process.argv[2], "utf8").split("\n")) {
  if (!line.trim()) continue;
  examples++;
  for (const m of JSON.parse(line).messages) if (typeof m.content === "string") tokens += gpt.countTokens(m.content);
}
console.log(JSON.stringify({ examples, tokens }));
