#!/usr/bin/env bash
# Scenario 5, soak: SOAK_DURATION (10 minutes by default) at a moderate load; server RSS before and after
# shows growth, the tool's figures show loss, disorder, reconnects and latency drift. TARGET=single or cluster.
source "$(dirname "$0")/lib.sh"
CLIENTS="${CLIENTS:-500}"; ROOMS="${ROOMS:-50}"; RATE="${RATE:-200}"; SOAK_DURATION="${SOAK_DURATION:-10m}"; TARGET="${TARGET:-single}"
build
if [[ "$TARGET" == single ]]; then start_single; else start_cluster || { append_block "Soak (cluster)" "TARGET=cluster bench/soak.sh" "Pending: ./cluster.sh up 3 is not available on this branch yet."; exit 0; }; fi

pids="$(server_pids "$TARGET")"
name="soak-$TARGET"
j="$(run_tool "$name" "$TARGET" --clients "$CLIENTS" --users 100 --rooms "$ROOMS" --rate "$RATE" --duration "$SOAK_DURATION" --warmup 10s --drain 30s --ramp 500)"
rss=""; for p in $pids; do rss+="pid $p: $(( $(rss_kb "$p") / 1024 )) MiB now, peak $(( $(peak_rss_kb "$p") / 1024 )) MiB; "; done
append_block "Soak ($TARGET, $SOAK_DURATION)" "CLIENTS=$CLIENTS ROOMS=$ROOMS RATE=$RATE SOAK_DURATION=$SOAK_DURATION TARGET=$TARGET bench/soak.sh" \
  "$(row_header)"$'\n'"$(row "soak $SOAK_DURATION" "$j" "exit $(cat "$RESULTS/$name.rc"); reconnects $(jq .reconnects "$j"), disconnects $(jq .disconnects "$j")")"$'\n\n'"Server memory after the soak: $rss"
