#!/usr/bin/env bash
# One run, one generated file: times FineTuning.Toolkit's token counting against npm tiktoken (WASM) and
# gpt-tokenizer on the same mixed-script chat JSONL (generated in /tmp, not committed), and checks that every
# tokenizer finds the same number of tokens.
# Usage: tests/FineTuning.Toolkit.Benchmarks/scripts/bench-tokenizers.sh [SIZE_MB=100] [ENCODING=o200k_base]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
size="${1:-100}"
encoding="${2:-o200k_base}"
file="/tmp/ftk-bench-chat-${size}mb.jsonl"
results="/tmp/ftk-bench-results-${size}mb-${encoding}.jsonl"

(cd "$here" && npm ci --no-audit --no-fund --silent)
[ -f "$file" ] || node "$here/gen-chat-jsonl.js" "$file" "$size"

dotnet build -c Release "$repo/tests/FineTuning.Toolkit.Benchmarks" -v q -nologo >/dev/null
bench="$repo/tests/FineTuning.Toolkit.Benchmarks/bin/Release/net10.0/FineTuning.Toolkit.Benchmarks"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
{
  "$bench" count-file "$file" "$encoding"
  node "$here/bench-tokenizers.js" "$file" "$encoding"
} | tee "$results"

node -e '
const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
const counts = new Set(rows.map(r => r.tokens));
console.log("");
console.log("| Tokenizer | Threads | MB/s (wall) | MB/s (CPU) | Tokens/s (wall) | Tokens |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
for (const r of rows) {
  const mb = r.fileBytes / 1048576;
  console.log(`| ${r.tokenizer} | ${r.threads} | ${(mb / r.seconds).toFixed(1)} | ${(mb / r.cpuSeconds).toFixed(1)} | ${Math.round(r.tokens / r.seconds).toLocaleString("en-US")} | ${r.tokens.toLocaleString("en-US")} |`);
}
console.log("");
console.log(counts.size === 1 ? "All tokenizers agree on the token count." : "TOKEN COUNTS DIFFER: " + [...counts].join(", "));
process.exit(counts.size === 1 ? 0 : 1);
' "$results"
"$bench" pathological
