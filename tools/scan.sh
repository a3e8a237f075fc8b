#!/usr/bin/env bash
# Outsider scan (issue 18): wapiti, from Debian, against a demo node on loopback, first signed out, then signed in as
# the demo officer. Not part of ./test.sh: each pass runs up to SCAN_SECONDS (default 600). The node is a throwaway
# demo on SQLite in a temporary folder; wapiti's attacks post junk into its forms, and the node's log is kept to find
# any unhandled exception they caused.
#
#   tools/scan.sh            reports in bench/reports/scan-YYYY-MM-DD/ (wapiti JSON per pass, the node's log, summary.txt)
#   tools/scan.sh sqlmap     sqlmap instead, against the searches (query strings, and the officer's person search, a
#                            POST with its antiforgery token): reports in bench/reports/sqlmap-YYYY-MM-DD/
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
tool=${1:-wapiti}
case "$tool" in wapiti|sqlmap) ;; *) echo "usage: tools/scan.sh [wapiti|sqlmap]" >&2; exit 2 ;; esac
if ! command -v "$tool" >/dev/null; then
  if [ "$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$tool" >/dev/null; else sudo apt-get install -y -q "$tool" >/dev/null; fi
fi

port=${PORT:-5190}
seconds=${SCAN_SECONDS:-600}
attack=$((seconds / 10))
base="http://127.0.0.1:$port"
work=$(mktemp -d /tmp/caravan-scan.XXXXXX)
out="$root/bench/reports/$([ "$tool" = sqlmap ] && echo sqlmap || echo scan)-$(date -u +%Y-%m-%d)"
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

# The demo officer's session, for the signed-in pass (antiforgery token included).
sign_in() {
  jar="$work/cookies"
  token=$(curl -s -c "$jar" "$base/account/sign-in?culture=en" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "Email=officer@demo.caravan.example" \
    --data-urlencode "Password=$(sed -n 's/.*StaffPassword { get; set; } = "\([^"]*\)".*/\1/p' src/Caravan.Core/Data/DemoOptions.cs)" \
    --data-urlencode "__RequestVerificationToken=$token" "$base/account/sign-in"
  cookie=$(awk '$6 == "caravan.auth" { print $7 }' "$jar")
  antiforgery=$(awk '$6 == "caravan.antiforgery" { print $7 }' "$jar")
  [ -n "$cookie" ] || { echo "sign-in failed"; exit 1; }
}

if [ "$tool" = sqlmap ]; then
  # Level 3 and risk 2: boolean, error, UNION, stacked and time-based tests, and the Cookie and Referer headers too.
  # --time-sec is raised because two cores running the node and sqlmap give noisy response times.
  sqlmap_run() { # name, then sqlmap's own arguments
    local name=$1; shift
    sqlmap --batch --level 3 --risk 2 --time-sec 3 --threads 1 --disable-coloring --output-dir "$work/sqlmap" "$@" \
      >"$out/$name.log" 2>&1 || true
  }
  sqlmap_run agencies-api -u "$base/api/v1/agencies?q=Samarkand&status=Valid&destination=KR"
  sqlmap_run vacancies-api -u "$base/api/v1/vacancies?q=welder&destination=KR&isco=7212&currency=KRW"
  sqlmap_run vacancies-page -u "$base/vacancies?q=welder&destination=KR&sort=wage"
  sqlmap_run agencies-page -u "$base/agencies?q=Samarkand"
  sign_in
  sqlmap_run person-search -u "$base/officer/persons" --data "Query=Karimov&__RequestVerificationToken=x" \
    --csrf-token "__RequestVerificationToken" --csrf-url "$base/officer/persons" \
    --cookie "caravan.auth=$cookie; caravan.antiforgery=$antiforgery" -p Query
  kill $node 2>/dev/null || true
  wait $node 2>/dev/null || true
  cp "$work/node.log" "$out/node.log"
  {
    for log in "$out"/*.log; do
      [ "$(basename "$log")" = node.log ] && continue
      name=$(basename "$log" .log)
      if grep -q "is vulnerable\|sqlmap identified the following injection point" "$log"; then
        echo "$name: INJECTION FOUND"; grep -A3 "identified the following injection point" "$log" | head -20
      else
        echo "$name: $(grep -c "testing '" "$log") tests; $(grep -ho "all tested parameters do not appear to be injectable\|parameter '[^']*' does not seem to be injectable\|is not injectable" "$log" | sort | uniq -c | tr -s ' ' | tr '\n' ';')"
      fi
    done
    echo "node log: $(grep -c '^fail: ' "$out/node.log" || true) 'fail:' entries; $(grep -c 'Unhandled exception' "$out/node.log" || true) unhandled exceptions"
    grep '^fail: ' "$out/node.log" | sort -u | head -20 || true
    # An answer other than 200 to the signed-in search means the pass tested a refusal, not the search.
    errors=$(grep -o '[0-9]\{3\} ([A-Za-z ]*) - [0-9]* times' "$out/person-search.log" | tr '\n' ';' || true)
    echo "person-search: ${errors:-no HTTP error answer (every request reached the search)}"
  } | tee "$out/summary.txt"
  exit 0
fi

# Signed out.
wapiti -u "$base/" --scope folder --flush-session --max-scan-time "$seconds" --max-attack-time "$attack" --max-links-per-page 40 \
  -f json -o "$out/signed-out.json" >"$work/wapiti-out.log" 2>&1 || true

# Signed in as the demo officer: a session cookie from the sign-in form (antiforgery token included). Debian 12's
# wapiti 3.0.4 fails on any -x exclusion under Python 3.11 (re.error: global flags not at the start), so the sign-out
# form cannot be excluded: once the crawler posts it, the rest of the pass runs signed out.
sign_in
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
