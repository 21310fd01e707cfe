#!/usr/bin/env bash
# Scenario 2, fan-out sweep: room sizes 2, 10, 100, 1000 at a fixed total of DELIVERIES deliveries/s
# (rate = DELIVERIES / room size, rooms = CLIENTS / room size). TARGET=single (default) or cluster.
source "$(dirname "$0")/lib.sh"
CLIENTS="${CLIENTS:-1000}"; USERS="${USERS:-100}"; DELIVERIES="${DELIVERIES:-10000}"; SIZES="${SIZES:-2 10 100 1000}"
DURATION="${DURATION:-20s}"; WARMUP="${WARMUP:-5s}"; TARGET="${TARGET:-single}"
build
if [[ "$TARGET" == single ]]; then start_single; else start_cluster || { append_block "Fan-out sweep (cluster)" "TARGET=cluster bench/fanout.sh" "Pending: ./cluster.sh up 3 is not available on this branch yet."; exit 0; }; fi

body="$(row_header)"
for size in $SIZES; do
  rooms=$(( CLIENTS / size )); rate=$(awk "BEGIN{print $DELIVERIES/$size}")
  j="$(run_tool "fanout-$TARGET-$size" "$TARGET" --clients "$CLIENTS" --users "$USERS" --rooms "$rooms" --rate "$rate" \
        --duration "$DURATION" --warmup "$WARMUP" --drain 30s --ramp 500)"
  body+=$'\n'"$(row "room size $size ($rooms rooms)" "$j" "exit $(cat "$RESULTS/fanout-$TARGET-$size.rc")")"
done
append_block "Fan-out sweep ($TARGET)" "CLIENTS=$CLIENTS USERS=$USERS DELIVERIES=$DELIVERIES DURATION=$DURATION TARGET=$TARGET bench/fanout.sh" "$body"
