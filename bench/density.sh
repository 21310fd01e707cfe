#!/usr/bin/env bash
# Scenario 4, connection density: COUNTS idle connections (rate 0), then one broadcast per room that must reach
# every member (--final-broadcast, so lost must be 0). Resident memory per connection per instance from the
# server's peak RSS (VmHWM) against its idle RSS. Sockets are spread over 127.0.0.x source addresses.
# The generator is one process, so RLIMIT_NOFILE (hard 20000 here) caps one run at about 19.9k connections.
source "$(dirname "$0")/lib.sh"
COUNTS="${COUNTS:-10000 19500}"; PER_ROOM="${PER_ROOM:-100}"; USERS="${USERS:-100}"; TARGET="${TARGET:-single}"
build

body="| connections | established | failed | lost of broadcast | expected / delivered | connect p50 / p99 ms | idle RSS MiB | peak RSS MiB | KiB per connection | clients per instance | exit |"$'\n'"|---|---|---|---|---|---|---|---|---|---|---|"
for n in $COUNTS; do
  if [[ "$TARGET" == single ]]; then start_single; else start_cluster || { body+=$'\n'"| $n | pending: ./cluster.sh up 3 not available yet | | | | | | | | | |"; continue; }; fi
  pids="$(server_pids "$TARGET")"; base=0; for p in $pids; do base=$(( base + $(rss_kb "$p") )); done
  name="density-$TARGET-$n"
  j="$(run_tool "$name" "$TARGET" --clients "$n" --users "$USERS" --rooms $(( (n + PER_ROOM - 1) / PER_ROOM )) --rate 0 \
        --final-broadcast --duration 10s --warmup 0s --drain 60s --ramp 2000 --connect-concurrency 256 --source-ips 8)"
  peak=0; for p in $pids; do peak=$(( peak + $(peak_rss_kb "$p") )); done
  per=$(awk "BEGIN{c=$(jq .connected "$j"); printf \"%.1f\", (c > 0 ? ($peak - $base) / c : 0)}")
  body+=$'\n'"$(jq -r --arg base "$((base/1024))" --arg peak "$((peak/1024))" --arg per "$per" --arg rc "$(cat "$RESULTS/$name.rc")" \
    '"| \(.clients) | \(.connected) | \(.failedConnections) | \(.lost) | \(.expectedDeliveries) / \(.delivered) | \(.connectMs.p50) / \(.connectMs.p99) | \($base) | \($peak) | \($per) | \(.instances | to_entries | map("\(.key)=\(.value)") | join(" ")) | \($rc) |"' "$j")"
  if [[ "$TARGET" == single ]]; then stop_single; else stop_cluster; fi
done
append_block "Connection density ($TARGET)" "COUNTS='$COUNTS' PER_ROOM=$PER_ROOM USERS=$USERS TARGET=$TARGET bench/density.sh" "$body"
