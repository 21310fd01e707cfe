#!/usr/bin/env bash
# Runtime settings for instances that share few cores: the cluster profile (docs/benchmarks.md) spent most of an
# instance's CPU spinning in the scheduler, not in chat work. This script measures candidate runtime settings side
# by side in one run: for each variant (interleaved, ROUNDS times, so drift on the machine hits all alike) it starts
# ./cluster.sh up 3 with the variant's environment (the instances inherit it), runs one load (the backplane
# scenario's moderate 250 msg/s by default; RATE=5000 saturates), and records delivered/s, the instances' CPU and
# p99. The block ends with each variant ÷ the first.
# Knobs (env): CLIENTS ROOMS RATE DURATION WARMUP ROUNDS VARIANTS (newline-separated; "default" = no settings).
source "$(dirname "$0")/lib.sh"
CLIENTS="${CLIENTS:-200}"; ROOMS="${ROOMS:-10}"; RATE="${RATE:-250}"
DURATION="${DURATION:-30s}"; WARMUP="${WARMUP:-5s}"; ROUNDS="${ROUNDS:-2}"
VARIANTS="${VARIANTS:-default
DOTNET_gcServer=0
DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0
DOTNET_gcServer=0 DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0}"
COMMON=(--clients "$CLIENTS" --users "$CLIENTS" --rooms "$ROOMS" --rate "$RATE" --duration "$DURATION" --warmup "$WARMUP" --drain 30s --login-concurrency 4)
build

mapfile -t variants <<<"$VARIANTS"
body="$(row_header)"
declare -A cpu_sum p99_sum rate_sum runs
for ((round = 1; round <= ROUNDS; round++)); do
  for index in "${!variants[@]}"; do
    variant="${variants[$index]}"
    settings=()
    [[ "$variant" == default ]] || read -r -a settings <<<"$variant"
    # The subshell scopes the variant's settings to this cluster's processes.
    (for setting in ${settings[@]+"${settings[@]}"}; do export "${setting?}"; done; start_cluster)
    CLUSTER_STARTED=1
    j="$(run_tool "runtime-$index-round$round" cluster "${COMMON[@]}")"
    body+=$'\n'"$(row "$variant (round $round)" "$j" "exit $(cat "$RESULTS/runtime-$index-round$round.rc")")"
    cpu_sum[$index]="$(awk "BEGIN{print ${cpu_sum[$index]:-0} + $(jq .serverCpuPercent "$j")}")"
    p99_sum[$index]="$(awk "BEGIN{print ${p99_sum[$index]:-0} + $(jq .latencyMs.p99 "$j")}")"
    rate_sum[$index]="$(awk "BEGIN{print ${rate_sum[$index]:-0} + $(jq .deliveredPerSec "$j")}")"
    runs[$index]=$(( ${runs[$index]:-0} + 1 ))
    stop_cluster
  done
done

body+=$'\n\n'"Mean over $ROUNDS round(s), each ÷ \"${variants[0]}\":"$'\n'
for index in "${!variants[@]}"; do
  body+=$'\n'"- ${variants[$index]}: delivered $(awk "BEGIN{printf \"%.0f\", ${rate_sum[$index]}/${runs[$index]}}")/s ($(awk "BEGIN{printf \"%.2f\", ${rate_sum[$index]}/${rate_sum[0]}}")×), server CPU $(awk "BEGIN{printf \"%.1f\", ${cpu_sum[$index]}/${runs[$index]}}") % ($(awk "BEGIN{printf \"%.2f\", ${cpu_sum[$index]}/${cpu_sum[0]}}")×), p99 $(awk "BEGIN{printf \"%.2f\", ${p99_sum[$index]}/${runs[$index]}}") ms ($(awk "BEGIN{printf \"%.2f\", ${p99_sum[$index]}/${p99_sum[0]}}")×)"
done
append_block "Runtime settings (cluster)" "CLIENTS=$CLIENTS ROOMS=$ROOMS RATE=$RATE DURATION=$DURATION ROUNDS=$ROUNDS bench/runtime.sh" "$body"
