#!/usr/bin/env bash
# Measures the emulator's resident memory (VmRSS) before and after large requests (issue 17):
# a 100 MB JSON chat body, then a 300 MB multipart file upload.
# Usage: measure-emulator-memory.sh path/to/ftk.dll   (needs curl, python3; Linux /proc)
set -euo pipefail
DLL=${1:?path to ftk.dll}
WORK=$(mktemp -d)
PORT=${PORT:-18765}
KEY=sk-emulator-measure
dotnet "$DLL" emulator --port "$PORT" --api-key "$KEY" > "$WORK/out.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/v1/models" -H "Authorization: Bearer $KEY" && break; sleep 0.2; done
rss() { awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$PID/status"; }
echo "idle:                     $(rss)"
python3 - "$WORK/body.json" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('{"model":"gpt-4o-mini","messages":[{"role":"user","content":"' + "a" * (100 * 1024 * 1024) + '"}]}')
PY
code=$(curl -s -o "$WORK/r1" -w '%{http_code}' "http://127.0.0.1:$PORT/v1/chat/completions" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' --data-binary @"$WORK/body.json")
echo "after 100 MB JSON body:   $(rss)  (HTTP $code)"
sleep 2; echo "  2 s later:              $(rss)"
python3 - "$WORK/train.jsonl" <<'PY'
import sys
line = '{"messages":[{"role":"user","content":"' + "q" * 900 + '"},{"role":"assistant","content":"a"}]}\n'
with open(sys.argv[1], "w") as f:
    for _ in range(300 * 1024 * 1024 // len(line)):
        f.write(line)
PY
code=$(curl -s -o "$WORK/r2" -w '%{http_code}' "http://127.0.0.1:$PORT/v1/files" -H "Authorization: Bearer $KEY" -F purpose=fine-tune -F "file=@$WORK/train.jsonl")
echo "after 300 MB upload:      $(rss)  (HTTP $code)"
sleep 2; echo "  2 s later:              $(rss)"
