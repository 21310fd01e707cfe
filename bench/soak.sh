#!/usr/bin/env bash
# Scenario 5, soak: SOAK_DURATION (10 minutes by default) at a moderate load. Every SAMPLE_SECONDS the servers'
# resident memory is sampled, and the tool reports latency per minute of the window, so the block shows memory
# and latency over time (growth after warm-up would show as a rising column); the tool's totals show loss,
# disorder and reconnects. TARGET=single or cluster.
source "$(dirname "$0")/lib.sh"
CLIENTS="${CLIENTS:-500}"; ROOMS="${ROOMS:-50}"; RATE="${RATE:-200}"; SOAK_DURATION="${SOAK_DURATION:-10m}"; TARGET="${TARGET:-single}"
SAMPLE_SECONDS="${SAMPLE_SECONDS:-60}"
build
if [[ "$TARGET" == single ]]; then start_single; else start_cluster || { append_block "Soak (cluster)" "TARGET=cluster bench/soak.sh" "Pending: ./cluster.sh up 3 is not available on this branch yet."; exit 0; }; fi

pids="$(server_pids "$TARGET")"
name="soak-$TARGET"
samples="$RESULTS/$name-rss.tsv"
# Resident memory (MiB) of each server process over time, from before the first client until the run ends.
(
  t0=$SECONDS
  while :; do
    line="$(( SECONDS - t0 ))"; for p in $pids; do line+=$'\t'"$(( $(rss_kb "$p") / 1024 ))"; done
    echo "$line"; sleep "$SAMPLE_SECONDS"
  done
) >"$samples" &
sampler=$!
j="$(run_tool "$name" "$TARGET" --clients "$CLIENTS" --users 100 --rooms "$ROOMS" --rate "$RATE" --duration "$SOAK_DURATION" --warmup 10s --drain 30s --ramp 500)"
kill "$sampler"; wait "$sampler" 2>/dev/null || true
rss=""; for p in $pids; do rss+="pid $p: $(( $(rss_kb "$p") / 1024 )) MiB now, peak $(( $(peak_rss_kb "$p") / 1024 )) MiB; "; done

over_time="| seconds since start | $(for p in $pids; do printf 'RSS MiB pid %s | ' "$p"; done)"$'\n'"|---|$(for _ in $pids; do printf -- '---|'; done)"
while read -r line; do over_time+=$'\n'"| ${line//$'\t'/ | } |"; done <"$samples"
by_minute="| minute of the window | receipts timed | p50 ms | p99 ms | p99.9 ms | max ms |"$'\n'"|---|---|---|---|---|---|"$'\n'
by_minute+="$(jq -r '.latencyByMinute[] | "| \(.minute) | \(.latencyMs.count) | \(.latencyMs.p50) | \(.latencyMs.p99) | \(.latencyMs.p999) | \(.latencyMs.max) |"' "$j")"
append_block "Soak ($TARGET, $SOAK_DURATION)" "CLIENTS=$CLIENTS ROOMS=$ROOMS RATE=$RATE SOAK_DURATION=$SOAK_DURATION TARGET=$TARGET bench/soak.sh" \
  "$(row_header)"$'\n'"$(row "soak $SOAK_DURATION" "$j" "exit $(cat "$RESULTS/$name.rc"); reconnects $(jq .reconnects "$j"), disconnects $(jq .disconnects "$j")")"$'\n\n'"Server memory after the soak: $rss"$'\n\n'"Server resident memory over time (sampled every ${SAMPLE_SECONDS}s):"$'\n\n'"$over_time"$'\n\n'"Latency per minute of the measurement window (by send time):"$'\n\n'"$by_minute"
