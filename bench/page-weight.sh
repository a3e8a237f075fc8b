#!/usr/bin/env bash
# Page weight on first load: the HTML and every asset the page loads (stylesheets, scripts, their module imports,
# and data files named by data-map), as transferred with compression (Accept-Encoding: br, gzip) and uncompressed.
# Usage: bench/page-weight.sh [base-url|-] [page]   (without a URL, or with -, it starts a demo node on a free port;
#        the page defaults to the public vacancy list)
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${1:-}
[ "$BASE" = - ] && BASE=
page=${2:-/vacancies?culture=ru}
if [ -z "$BASE" ]; then
  port=5310; while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  data=$(mktemp -d)
  # A Release publish: static assets are precompressed at their production level only there.
  dotnet publish src/Caravan.Web -c Release -o "$data/app" -v quiet -nologo >/dev/null
  ASPNETCORE_ENVIRONMENT=Staging Demo__Enabled=true ConnectionStrings__Caravan="Data Source=$data/bench.db" \
    dotnet "$data/app/Caravan.Web.dll" --contentRoot "$data/app" --urls "http://127.0.0.1:$port" >"$data/log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true; rm -rf "$data"' EXIT
  BASE="http://127.0.0.1:$port"
  for _ in $(seq 1 120); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 1; done
fi

html=$(curl -sf "$BASE$page")
assets=$(grep -oE '(href|src|data-map)="/[^"]+\.(css|js|json|png|svg|ico|woff2?)(\?v=[^"]*)?"' <<<"$html" | sed -E 's/^(href|src|data-map)="//; s/"$//' | sort -u)
# ES module imports inside our own scripts.
for js in $(grep -E '\.js(\?|$)' <<<"$assets"); do
  assets+=$'\n'$(curl -sf "$BASE$js" | { grep -oE 'from "/[^"]+"' || true; } | sed -E 's/from "//; s/"$//')
done

total_c=0; total_u=0
printf '%-55s %12s %12s\n' "resource" "compressed" "uncompressed"
for url in "$page" $assets; do
  c=$(curl -s -o /dev/null -H 'Accept-Encoding: br, gzip' -w '%{size_download}' "$BASE$url")
  u=$(curl -s -o /dev/null -w '%{size_download}' "$BASE$url")
  printf '%-55s %12d %12d\n' "$url" "$c" "$u"
  total_c=$((total_c + c)); total_u=$((total_u + u))
done
printf '%-55s %12d %12d\n' "TOTAL (bytes)" "$total_c" "$total_u"
budget=$((150 * 1024))
awk -v c="$total_c" -v b="$budget" -v u="$total_u" 'BEGIN { printf "share of the 150 KB budget: %.2f; compression ratio: %.2f\n", c / b, c / u }'
[ "$total_c" -le "$budget" ]
