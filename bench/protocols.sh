#!/usr/bin/env bash
# JSON vs MessagePack hub protocol on the cluster, side by side in one run: interleaved rounds (json, messagepack,
# json, …) on one ./cluster.sh up 3, the same generator and options apart from --protocol. Per protocol: delivered
# msgs/s at saturation, p99 and the instances' CPU at a moderate load, and hub-protocol payload bytes received per
# delivered message (the tool counts what its WebSockets read). The block ends with MessagePack ÷ JSON.
# Knobs (env): CLIENTS ROOMS SAT_RATE MOD_RATE MESSAGE_SIZE DURATION WARMUP ROUNDS.
source "$(dirname "$0")/lib.sh"
CLIENTS="${CLIENTS:-200}"; ROOMS="${ROOMS:-10}"; SAT_RATE="${SAT_RATE:-5000}"; MOD_RATE="${MOD_RATE:-250}"
MESSAGE_SIZE="${MESSAGE_SIZE:-100}"; DURATION="${DURATION:-20s}"; WARMUP="${WARMUP:-5s}"; ROUNDS="${ROUNDS:-2}"
COMMON=(--clients "$CLIENTS" --users "$CLIENTS" --rooms "$ROOMS" --message-size "$MESSAGE_SIZE" --duration "$DURATION" --warmup "$WARMUP" --drain 30s --login-concurrency 4)
PROTOCOLS=(json messagepack)
build
start_cluster

body="$(row_header)"
declare -A sat p99 cpu bytes runs
for ((round = 1; round <= ROUNDS; round++)); do
  for protocol in "${PROTOCOLS[@]}"; do
    j="$(run_tool "protocols-$protocol-saturation-$round" cluster "${COMMON[@]}" --protocol "$protocol" --rate "$SAT_RATE")"
    body+=$'\n'"$(row "$protocol, saturation (round $round)" "$j" "offered $SAT_RATE msg/s")"
    sat[$protocol]="$(awk "BEGIN{print ${sat[$protocol]:-0} + $(jq .deliveredPerSec "$j")}")"
    j="$(run_tool "protocols-$protocol-moderate-$round" cluster "${COMMON[@]}" --protocol "$protocol" --rate "$MOD_RATE")"
    body+=$'\n'"$(row "$protocol, moderate (round $round)" "$j" "$(jq .receivedBytesPerDelivery "$j") bytes per delivery")"
    p99[$protocol]="$(awk "BEGIN{print ${p99[$protocol]:-0} + $(jq .latencyMs.p99 "$j")}")"
    cpu[$protocol]="$(awk "BEGIN{print ${cpu[$protocol]:-0} + $(jq .serverCpuPercent "$j")}")"
    bytes[$protocol]="$(awk "BEGIN{print ${bytes[$protocol]:-0} + $(jq .receivedBytesPerDelivery "$j")}")"
    runs[$protocol]=$(( ${runs[$protocol]:-0} + 1 ))
  done
done

mean() { awk "BEGIN{printf \"%.${3:-1}f\", $1 / $2}"; }
ratio() { awk "BEGIN{printf \"%.2f\", $1 / $2}"; }
body+=$'\n\n'"Means over $ROUNDS round(s) ($MESSAGE_SIZE-character messages):"$'\n'
for protocol in "${PROTOCOLS[@]}"; do
  n="${runs[$protocol]}"
  body+=$'\n'"- $protocol: delivered at saturation $(mean "${sat[$protocol]}" "$n" 0)/s, p99 at $MOD_RATE msg/s $(mean "${p99[$protocol]}" "$n" 2) ms, server CPU $(mean "${cpu[$protocol]}" "$n") %, $(mean "${bytes[$protocol]}" "$n") bytes received per delivery"
done
body+=$'\n'"- messagepack ÷ json: saturation $(ratio "${sat[messagepack]}" "${sat[json]}")×, p99 $(ratio "${p99[messagepack]}" "${p99[json]}")×, server CPU $(ratio "${cpu[messagepack]}" "${cpu[json]}")×, bytes per delivery $(ratio "${bytes[messagepack]}" "${bytes[json]}")×"
append_block "Hub protocols: JSON vs MessagePack (cluster)" "CLIENTS=$CLIENTS ROOMS=$ROOMS SAT_RATE=$SAT_RATE MOD_RATE=$MOD_RATE MESSAGE_SIZE=$MESSAGE_SIZE DURATION=$DURATION ROUNDS=$ROUNDS bench/protocols.sh" "$body"
