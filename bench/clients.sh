#!/usr/bin/env bash
# The load tool's two generators side by side: --client raw (its own JSON-only WebSocket client) vs --client hub
# (ChatServer.Client on the official SignalR client), one in-memory instance, interleaved rounds, the same offered
# load. Reports generator CPU per run and the mean raw ÷ hub, which is why the raw client is kept.
# Knobs (env): CLIENTS ROOMS RATE DURATION WARMUP ROUNDS.
source "$(dirname "$0")/lib.sh"
CLIENTS="${CLIENTS:-200}"; ROOMS="${ROOMS:-10}"; RATE="${RATE:-500}"; DURATION="${DURATION:-15s}"; WARMUP="${WARMUP:-3s}"; ROUNDS="${ROUNDS:-2}"
build
start_single

body="$(row_header)"
declare -A cpu
for ((round = 1; round <= ROUNDS; round++)); do
  for client in raw hub; do
    j="$(CLIENT=$client run_tool "clients-$client-$round" single --clients "$CLIENTS" --users "$CLIENTS" --rooms "$ROOMS" --rate "$RATE" \
          --duration "$DURATION" --warmup "$WARMUP" --drain 10s --login-concurrency 4)"
    body+=$'\n'"$(row "$client (round $round)" "$j" "generator CPU per 1 000 deliveries/s: $(jq '.generatorCpuPercent / .deliveredPerSec * 1000 | . * 100 | round / 100' "$j") %")"
    cpu[$client]="$(awk "BEGIN{print ${cpu[$client]:-0} + $(jq .generatorCpuPercent "$j")}")"
  done
done
body+=$'\n\n'"Generator CPU, raw ÷ hub, means over $ROUNDS round(s): $(awk "BEGIN{printf \"%.2f\", ${cpu[raw]} / ${cpu[hub]}}")×"
append_block "Load generators: raw vs ChatServer.Client" "CLIENTS=$CLIENTS ROOMS=$ROOMS RATE=$RATE DURATION=$DURATION ROUNDS=$ROUNDS bench/clients.sh" "$body"
