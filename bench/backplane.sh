#!/usr/bin/env bash
# Scenario 1, backplane cost: one in-memory instance vs the 3-instance Redis cluster behind nginx.
# Two figures per target, measured the same way: delivered msgs/s at saturation (offered load far above capacity)
# and p99 at a fixed moderate load; the block ends with cluster ÷ single for both.
# Knobs (env): CLIENTS ROOMS SAT_RATE MOD_RATE DURATION WARMUP TARGETS ("single cluster").
source "$(dirname "$0")/lib.sh"
CLIENTS="${CLIENTS:-200}"; ROOMS="${ROOMS:-10}"; SAT_RATE="${SAT_RATE:-5000}"; MOD_RATE="${MOD_RATE:-250}"
DURATION="${DURATION:-20s}"; WARMUP="${WARMUP:-5s}"; TARGETS="${TARGETS:-single cluster}"
COMMON=(--clients "$CLIENTS" --users "$CLIENTS" --rooms "$ROOMS" --duration "$DURATION" --warmup "$WARMUP" --drain 30s --login-concurrency 4)
build

body="$(row_header)"
declare -A sat p99 cpu_split
for target in $TARGETS; do
  if [[ "$target" == single ]]; then start_single; else start_cluster || { body+=$'\n'"| cluster | pending: ./cluster.sh up 3 not available on this branch yet | | | | | | | | | | | | | | | | |"; continue; }; fi
  # Where the CPU goes at saturation: each part's CPU seconds per 1 000 deliveries (the generator excluded).
  parts="$([[ "$target" == single ]] && echo instances || echo "instances redis nginx")"
  declare -A before=()
  for part in $parts; do before[$part]="$(if [[ "$target" == single ]]; then cpu_ticks $SERVER_PID; else cpu_ticks $(cluster_part_pids "$part"); fi)"; done
  j="$(run_tool "backplane-$target-saturation" "$target" "${COMMON[@]}" --rate "$SAT_RATE")"
  body+=$'\n'"$(row "$target, saturation" "$j" "offered $SAT_RATE msg/s; errors $(jq -c .sendErrors "$j")")"
  sat[$target]="$(jq .deliveredPerSec "$j")"
  delivered="$(jq .delivered "$j")"; ticks="$(getconf CLK_TCK)"; split=""
  for part in $parts; do
    after="$(if [[ "$target" == single ]]; then cpu_ticks $SERVER_PID; else cpu_ticks $(cluster_part_pids "$part"); fi)"
    split+="$part $(awk "BEGIN{printf \"%.3f\", ($after - ${before[$part]}) / $ticks / ($delivered / 1000)}") s; "
  done
  cpu_split[$target]="$split"
  j="$(run_tool "backplane-$target-moderate" "$target" "${COMMON[@]}" --rate "$MOD_RATE")"
  body+=$'\n'"$(row "$target, moderate" "$j" "exit $(cat "$RESULTS/backplane-$target-moderate.rc")")"
  p99[$target]="$(jq .latencyMs.p99 "$j")"
  if [[ "$target" == single ]]; then stop_single; else stop_cluster; fi
done

if [[ -n "${sat[cluster]:-}" && -n "${sat[single]:-}" ]]; then
  body+=$'\n\n'"cluster ÷ single: delivered/s at saturation $(awk "BEGIN{printf \"%.2f\", ${sat[cluster]}/${sat[single]}}"), p99 at $MOD_RATE msg/s $(awk "BEGIN{printf \"%.2f\", ${p99[cluster]}/${p99[single]}}")"
else
  body+=$'\n\n'"cluster ÷ single: pending the cluster (single only: ${sat[single]:-?} delivered/s at saturation, p99 ${p99[single]:-?} ms at $MOD_RATE msg/s)."
fi
body+=$'\n\n'"CPU seconds per 1 000 deliveries at saturation, by part (whole run, warm-up and drain included): single: ${cpu_split[single]:-–}cluster: ${cpu_split[cluster]:-–}"
append_block "Backplane cost" "CLIENTS=$CLIENTS ROOMS=$ROOMS SAT_RATE=$SAT_RATE MOD_RATE=$MOD_RATE DURATION=$DURATION TARGETS='$TARGETS' bench/backplane.sh" "$body"
