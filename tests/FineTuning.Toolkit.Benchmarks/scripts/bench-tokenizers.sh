#!/usr/bin/env bash
# One run, one generated file: times FineTuning.Toolkit's token counting against Microsoft.ML.Tokenizers 3.0.0
# (TiktokenTokenizer), npm tiktoken (WASM) and gpt-tokenizer on the same mixed-script chat JSONL (generated in /tmp,
# not committed), checks that every tokenizer finds the same number of tokens, and counts, on the committed reference
# cases (the ids OpenAI's tiktoken gives the tokenizer test corpus), where each tokenizer differs from tiktoken.
# Throughput is the median of ROUNDS alternating runs per tokenizer (ours and Microsoft alternate in one process,
# gpt-tokenizer and tiktoken in another), in CPU time, so that a shared, noisy machine distorts it as little as possible.
# Usage: tests/FineTuning.Toolkit.Benchmarks/scripts/bench-tokenizers.sh [SIZE_MB=100] [ENCODING=o200k_base] [ROUNDS=5]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
size="${1:-100}"
encoding="${2:-o200k_base}"
rounds="${3:-5}"
file="/tmp/ftk-bench-chat-${size}mb.jsonl"
results="/tmp/ftk-bench-results-${size}mb-${encoding}.jsonl"
reference="/tmp/ftk-bench-reference-cases.jsonl"
expected="$repo/tests/FineTuning.Toolkit.Tests/TestData/Tokenization/expected-ids.json"

(cd "$here" && npm ci --no-audit --no-fund --silent)
[ -f "$file" ] || node "$here/gen-chat-jsonl.js" "$file" "$size"

dotnet build -c Release "$repo/tests/FineTuning.Toolkit.Benchmarks" -v q -nologo >/dev/null
bench="$repo/tests/FineTuning.Toolkit.Benchmarks/bin/Release/net10.0/FineTuning.Toolkit.Benchmarks"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
{
  "$bench" count-file "$file" "$encoding" "$rounds"
  node "$here/bench-tokenizers.js" "$file" "$encoding" "$rounds"
} | tee "$results"
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

{
  "$bench" reference-cases || echo '{"oursDiffersFromTiktoken":true}'
  node "$here/reference-cases.js" "$expected"
} | tee "$reference"

status=0
node "$here/summarize.js" "$results" "$reference" || status=$?
"$bench" pathological
exit "$status"
