#!/usr/bin/env bash
# Outsider scan (issue 18): wapiti, from Debian, against a demo node on loopback, first signed out, then signed in as
# the demo officer. Not part of ./test.sh: each pass runs up to SCAN_SECONDS (default 600). The node is a throwaway
# demo on SQLite in a temporary folder; wapiti's attacks post junk into its forms, and the node's log is kept to find
# any unhandled exception they caused.
#
#   tools/scan.sh            reports in bench/reports/scan-YYYY-MM-DD/ (wapiti JSON per pass, the node's log, summary.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
if ! command -v wapiti >/dev/null; then
  if [ "$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -q wapiti >/dev/null; else sudo apt-get install -y -q wapiti >/dev/null; fi
fi

port=${PORT:-5190}
seconds=${SCAN_SECONDS:-600}
attack=$((seconds / 10))
base="http://127.0.0.1:$port"
work=$(mktemp -d /tmp/caravan-scan.XXXXXX)
out="$root/bench/reports/scan-$(date -u +%Y-%m-%d)"
mkdir -p "$out"

dotnet build src/Caravan.Web -c Release -v q -nologo >/dev/null
# Rate limits raised: a limited scanner sees 429s, not the pages behind them.
( cd src/Caravan.Web && ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$base" \
  ConnectionStrings__Caravan="Data Source=$work/node.db" DataProtection__KeysPath="$work/keys" Documents__Path="$work/documents" \
  Jobs__Enabled=false Node__PublicUrl="$base/" \
  RateLimits__SignInPerMinute=100000 RateLimits__CodesPerFiveMinutes=100000 RateLimits__TipsPerTenMinutes=100000 \
  RateLimits__StatisticsPerMinute=100000 RateLimits__ExchangePerMinute=100000 \
  exec env Logging__LogLevel__Microsoft.AspNetCore=Warning dotnet bin/Release/net10.0/Caravan.Web.dll ) > "$work/node.log" 2>&1 &
node=$!
trap 'kill $node 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 120); do curl -sf "$base/healthz" >/dev/null 2>&1 && break; sleep 1; done
curl -sf "$base/healthz" >/dev/null || { echo "the node did not start"; tail -50 "$work/node.log"; exit 1; }

# Signed out.
wapiti -u "$base/" --scope folder --flush-session --max-scan-time "$seconds" --max-attack-time "$attack" --max-links-per-page 40 \
  -f json -o "$out/signed-out.json" >"$work/wapiti-out.log" 2>&1 || true

# Signed in as the demo officer: a session cookie from the sign-in form (antiforgery token included). Debian 12's
# wapiti 3.0.4 fails on any -x exclusion under Python 3.11 (re.error: global flags not at the start), so the sign-out
# form cannot be excluded: once the crawler posts it, the rest of the pass runs signed out.
jar="$work/cookies"
token=$(curl -s -c "$jar" "$base/account/sign-in?culture=en" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "Email=officer@demo.caravan.example" \
  --data-urlencode "Password=$(sed -n 's/.*StaffPassword { get; set; } = "\([^"]*\)".*/\1/p' src/Caravan.Core/Data/DemoOptions.cs)" \
  --data-urlencode "__RequestVerificationToken=$token" "$base/account/sign-in"
cookie=$(awk '$6 == "caravan.auth" { print $7 }' "$jar")
[ -n "$cookie" ] || { echo "sign-in failed"; exit 1; }
wapiti -u "$base/" --scope folder --flush-session --max-scan-time "$seconds" --max-attack-time "$attack" --max-links-per-page 40 \
  -H "Cookie: caravan.auth=$cookie" \
  -f json -o "$out/signed-in.json" >"$work/wapiti-in.log" 2>&1 || true

kill $node 2>/dev/null || true
wait $node 2>/dev/null || true
cp "$work/node.log" "$out/node.log"
python3 - "$out" <<'PY' | tee "$out/summary.txt"
import json, sys, pathlib, re
out = pathlib.Path(sys.argv[1])
for name in ("signed-out", "signed-in"):
    path = out / f"{name}.json"
    if not path.exists():
        print(f"{name}: no report"); continue
    report = json.loads(path.read_text())
    info = report.get("infos", {})
    print(f"{name}: target {info.get('target')}, crawled {info.get('crawled_pages_nbr', '?')} pages")
    for section in ("vulnerabilities", "anomalies", "additionals"):
        for kind, items in sorted(report.get(section, {}).items()):
            if items:
                print(f"  {section[:-1] if section.endswith('s') else section}: {kind}: {len(items)}")
                for item in items[:5]:
                    print(f"    {item.get('method')} {item.get('path')} {item.get('parameter','')}: {item.get('info','')[:160]}")
log = (out / "node.log").read_text(errors="replace")
errors = re.findall(r"^fail: .*$", log, re.M)
print(f"node log: {len(errors)} 'fail:' entries; {log.count('Unhandled exception')} unhandled exceptions")
for line in sorted(set(errors))[:20]:
    print("  " + line)
PY
