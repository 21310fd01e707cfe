#!/usr/bin/env bash
# Scenario 3, saturation: raise --rate step by step until p99 exceeds 100 ms or anything is lost
# (or the tool fails otherwise). One server for all steps. TARGET=single (default) or cluster.
source "$(dirname "$0")/lib.sh"
CLIENTS="${CLIENTS:-200}"; ROOMS="${ROOMS:-10}"; RATES="${RATES:-250 500 1000 1500 2000 3000 4000 6000 8000}"
DURATION="${DURATION:-15s}"; WARMUP="${WARMUP:-3s}"; TARGET="${TARGET:-single}"; P99_LIMIT_MS="${P99_LIMIT_MS:-100}"
build
if [[ "$TARGET" == single ]]; then start_single; else start_cluster || { append_block "Saturation (cluster)" "TARGET=cluster bench/saturation.sh" "Pending: ./cluster.sh up 3 is not available on this branch yet."; exit 0; }; fi

body="$(row_header)"; verdict="never reached within RATES"
for rate in $RATES; do
  name="saturation-$TARGET-${CLIENT:-hub}-$rate"
  j="$(run_tool "$name" "$TARGET" --clients "$CLIENTS" --users "$CLIENTS" --rooms "$ROOMS" --rate "$rate" \
        --duration "$DURATION" --warmup "$WARMUP" --drain 20s --login-concurrency 4)"
  rc="$(cat "$RESULTS/$name.rc")"
  body+=$'\n'"$(row "rate $rate" "$j" "exit $rc; errors $(jq -c .sendErrors "$j")")"
  over="$(jq --argjson limit "$P99_LIMIT_MS" '.latencyMs.p99 > $limit or .lost > 0 or (.acked < .sent * 0.99)' "$j")"
  if [[ "$over" == true || "$rc" != 0 ]]; then verdict="at $rate msg/s ($(jq .deliveredPerSec "$j") delivered/s offered $(( rate * CLIENTS / ROOMS )))"; break; fi
done
append_block "Saturation ($TARGET, client ${CLIENT:-hub})" "CLIENT=${CLIENT:-hub} CLIENTS=$CLIENTS ROOMS=$ROOMS RATES='$RATES' DURATION=$DURATION TARGET=$TARGET bench/saturation.sh" \
  "$body"$'\n\n'"Saturated (p99 > $P99_LIMIT_MS ms, loss, >1 % unacknowledged sends, or a failed run): $verdict."
