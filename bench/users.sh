#!/usr/bin/env bash
# How long a load test waits for its users' sessions, side by side in one run on one in-memory instance: each user
# registering and logging in (two password hashes each, --login-concurrency at a time) against bulk provisioning
# (POST /api/provisioning/sessions: one hash per request), in interleaved rounds, fresh users every run.
# Knobs (env): USERS ROUNDS LOGIN_CONCURRENCY.
source "$(dirname "$0")/lib.sh"
USERS="${USERS:-300}"; ROUNDS="${ROUNDS:-2}"; LOGIN_CONCURRENCY="${LOGIN_CONCURRENCY:-8}"
COMMON=(--clients "$USERS" --users "$USERS" --rooms "$((USERS / 10 > 0 ? USERS / 10 : 1))" --rate 1 --duration 1s --warmup 0s --drain 5s --login-concurrency "$LOGIN_CONCURRENCY")
build
start_single

body="| run | users | seconds to get every session | connected |"$'\n'"|---|---|---|---|"
declare -A total
for ((round = 1; round <= ROUNDS; round++)); do
  for way in register-and-login provisioning; do
    key=""; [[ "$way" == provisioning ]] && key="$CHAT_PROVISIONING_KEY"
    j="$(run_tool "users-$way-$round" single "${COMMON[@]}" --provision-key "$key")"
    seconds="$(jq .loginSeconds "$j")"
    body+=$'\n'"| $way (round $round) | $USERS | $seconds | $(jq .connected "$j") |"
    total[$way]="$(awk "BEGIN{print ${total[$way]:-0} + $seconds}")"
  done
done
ratio="$(awk "BEGIN{printf \"%.3f\", ${total[provisioning]} / ${total[register-and-login]}}")"
body+=$'\n\n'"Provisioning ÷ register-and-login, sums over $ROUNDS round(s): ${ratio}×."
append_block "Load-test users: register and log in vs bulk provisioning (one instance)" "USERS=$USERS ROUNDS=$ROUNDS bench/users.sh" "$body"
