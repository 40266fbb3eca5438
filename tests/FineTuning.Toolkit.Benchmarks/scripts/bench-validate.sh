#!/usr/bin/env bash
# One run, side by side: `ftk validate` (the tool as `dotnet tool install` installs it from the packages, not `dotnet run`)
# against the OpenAI cookbook's format checks in Python (stdlib json), node's bare JSON.parse of every line, and (for `--model`) gpt-tokenizer counting the same file; then peak RSS of `ftk validate` on a large file (duplicate
# detection on, the default) and the fixed cost of `ftk --version`. CPU time (user + system, from wait4) is the number
# to read on a shared machine; each figure is the median of ROUNDS runs alternating the peers (measure.py).
# Usage: tests/FineTuning.Toolkit.Benchmarks/scripts/bench-validate.sh [SIZE_MB=100] [ROUNDS=5] [BIG_MB=1024] [MODEL=gpt-4.1-mini-2025-04-14]
# Set FTK=/path/to/ftk to measure a tool you already installed (skips the packs and the install).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
size="${1:-100}"
rounds="${2:-5}"
big="${3:-1024}"
model="${4:-gpt-4.1-mini-2025-04-14}"
file="/tmp/ftk-bench-chat-${size}mb.jsonl"
bigfile="/tmp/ftk-bench-chat-${big}mb.jsonl"

(cd "$here" && npm ci --no-audit --no-fund --silent)
[ -f "$file" ] || node "$here/gen-chat-jsonl.js" "$file" "$size"
if [ -z "${FTK:-}" ]; then
  # What `dotnet tool install` gives a user: the tool packages (pointer, `any`, and on linux-x64 the Native AOT one; the AOT
  # pack takes minutes), installed into a temporary tool path.
  feed=/tmp/ftk-bench-feed
  rm -rf "$feed" /tmp/ftk-bench-tool && mkdir -p "$feed"
  cli="$repo/src/FineTuning.Toolkit.Cli"
  dotnet pack "$cli" -c Release -o "$feed" -nologo -v q >/dev/null
  dotnet pack "$cli" -c Release -r any -p:PublishAot=false -o "$feed" -nologo -v q >/dev/null
  if [ "$(uname -s)-$(uname -m)" = Linux-x86_64 ]; then dotnet pack "$cli" -c Release -r linux-x64 -o "$feed" -nologo -v q >/dev/null; fi
  version=$(dotnet msbuild "$cli" -getProperty:PackageVersion)
  # From an empty folder: `dotnet tool install` refuses to run where a project file lies around.
  cwd=$(mktemp -d)
  (cd "$cwd" && dotnet tool install FineTuning.Toolkit.Cli --tool-path /tmp/ftk-bench-tool --add-source "$feed" --version "$version" >/dev/null)
  rmdir "$cwd"
  FTK=/tmp/ftk-bench-tool/ftk
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$FTK" validate "$file" >/dev/null || { echo "ftk validate failed on $file" >&2; exit 1; }
python3 "$here/measure.py" "$rounds" \
  "ftk validate=$FTK validate $file" \
  "python cookbook checks=python3 $here/cookbook-checks.py $file" \
  "node JSON.parse=node $here/json-parse-pass.js $file"
python3 "$here/measure.py" "$rounds" \
  "ftk validate --model=$FTK validate $file --model $model" \
  "gpt-tokenizer count=node $here/gpt-tokenizer-count.js $file o200k_base"
python3 "$here/measure.py" "$rounds" "ftk --version=$FTK --version" "ftk validate --help=$FTK validate --help"
if [ "$big" != 0 ]; then
  [ -f "$bigfile" ] || node "$here/gen-chat-jsonl.js" "$bigfile" "$big"
  python3 "$here/measure.py" 1 "ftk validate ${big} MB=$FTK validate $bigfile"
fi
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
