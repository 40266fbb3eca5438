#!/usr/bin/env bash
# Renders the demo evaluation report (every section filled) and screenshots it with headless Chromium,
# to check by eye that the self-contained HTML report looks right.
#   Usage: tests/FineTuning.Toolkit.Tests/tools/render-report.sh [output-dir]
#   Needs: chromium (Debian: apt-get install -y chromium). Writes report.html, report.md and report.png.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
out="${1:-$repo/artifacts/report-render}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

FTK_REPORT_OUT="$out/report.html" dotnet test "$repo/tests/FineTuning.Toolkit.Tests" \
  --filter "FullyQualifiedName~ReportTests.Write_demo_report_for_rendering" --nologo -v q

browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
  echo "chromium not found; the report is at $out/report.html" >&2
  exit 2
fi

"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --hide-scrollbars \
  --window-size=1100,5200 --screenshot="$out/report.png" "file://$out/report.html" 2>/dev/null
echo "Rendered $out/report.png"
