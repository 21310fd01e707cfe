#!/usr/bin/env bash
# Memory per idle connection, one in-memory instance per checkout and runtime variant, side by side in interleaved
# rounds: COUNT idle hub connections (the tool, rate 0), then the instance's resident memory and its live managed heap
# (dotnet-gcdump, which forces a full collection first), each against the same instance before any connection. The
# block ends with each run ÷ the first. dotnet-gcdump is installed as a global .NET tool if missing.
#   CHECKOUTS="before=/path/to/worktree after=." bench/idle-memory.sh     (default: just this checkout)
#   VARIANTS=$'default\nDOTNET_GCConserveMemory=9' bench/idle-memory.sh  (runtime settings the instance starts with)
# Knobs (env): CHECKOUTS VARIANTS (newline-separated; "default" = no settings) COUNT ROUNDS.
source "$(dirname "$0")/lib.sh"
COUNT="${COUNT:-4000}"; ROUNDS="${ROUNDS:-2}"; CHECKOUTS="${CHECKOUTS:-this=.}"; VARIANTS="${VARIANTS:-default}"
GCDUMP="$(command -v dotnet-gcdump || echo "$HOME/.dotnet/tools/dotnet-gcdump")"
[[ -x "$GCDUMP" ]] || dotnet tool install -g dotnet-gcdump >/dev/null
build

read -r -a pairs <<<"$CHECKOUTS"
mapfile -t variants <<<"$VARIANTS"
names=(); dirs=(); settings_of=()
for pair in "${pairs[@]}"; do
  dir="$(cd "${pair#*=}" && pwd -P)"
  dotnet build "$dir/ChatServer/ChatServer.csproj" -c Release -v quiet -nologo >/dev/null
  for variant in "${variants[@]}"; do
    name="${pair%%=*}"; [[ "$variant" == default ]] || name+=" $variant"
    names+=("$name"); dirs+=("$dir"); settings_of+=("$([[ "$variant" == default ]] || echo "$variant")")
  done
done

heap_bytes() { # pid name: live managed heap after a full GC
  "$GCDUMP" collect -p "$1" -o "$RESULTS/$2.gcdump" >/dev/null 2>&1
  "$GCDUMP" report "$RESULTS/$2.gcdump" | awk 'NR == 1 {gsub(",", "", $1); print $1}'
}

active_connections() { curl -fsS "http://127.0.0.1:$SINGLE_PORT/metrics" | awk '/^kestrel_active_connections/ {n += $NF} END {print n + 0}'; }

body="| checkout and runtime variant (round) | connections | RSS idle − before, KiB per connection | live heap idle − before, KiB per connection |"$'\n'"|---|---|---|---|"
declare -A rss heap
for ((round = 1; round <= ROUNDS; round++)); do
  for index in "${!names[@]}"; do
    name="${names[$index]}"
    tag="${name//[^A-Za-z0-9_.-]/_}"
    settings=(); read -r -a settings <<<"${settings_of[$index]}"
    # Exported for this instance only (start_single keeps its pid, so it cannot run in a subshell), then taken back.
    for setting in ${settings[@]+"${settings[@]}"}; do export "${setting?}"; done
    SERVER_DLL="${dirs[$index]}/ChatServer/bin/Release/net10.0/ChatServer.dll" start_single
    for setting in ${settings[@]+"${settings[@]}"}; do unset "${setting%%=*}"; done
    rss0="$(rss_kb "$SERVER_PID")"; heap0="$(heap_bytes "$SERVER_PID" "idle-$tag-$round-before")"
    dotnet "$TOOL_DLL" --url "$(target_url single)" --clients "$COUNT" --users 100 --rooms $(( (COUNT + 99) / 100 )) --rate 0 \
      --duration 60s --warmup 0s --drain 5s --ramp 1000 --connect-concurrency 128 --source-ips 4 >"$RESULTS/idle-$tag-$round.log" 2>&1 &
    tool=$!
    for _ in $(seq 240); do [[ "$(active_connections)" -ge "$COUNT" ]] && break; sleep 0.5; done
    sleep 5   # settled: every connection joined and idle
    rss1="$(rss_kb "$SERVER_PID")"; heap1="$(heap_bytes "$SERVER_PID" "idle-$tag-$round-idle")"
    kill "$tool"; wait "$tool" 2>/dev/null || true
    stop_single
    r="$(awk "BEGIN{printf \"%.1f\", ($rss1 - $rss0) / $COUNT}")"; h="$(awk "BEGIN{printf \"%.1f\", ($heap1 - $heap0) / 1024 / $COUNT}")"
    body+=$'\n'"| $name ($round) | $COUNT | $r | $h |"
    rss[$name]="$(awk "BEGIN{print ${rss[$name]:-0} + $r}")"; heap[$name]="$(awk "BEGIN{print ${heap[$name]:-0} + $h}")"
  done
done

first="${names[0]}"
body+=$'\n'
for name in "${names[@]}"; do
  body+=$'\n'"- $name: RSS $(awk "BEGIN{printf \"%.1f\", ${rss[$name]} / $ROUNDS}") KiB, live heap $(awk "BEGIN{printf \"%.1f\", ${heap[$name]} / $ROUNDS}") KiB per idle connection (means of $ROUNDS); ÷ $first: RSS $(awk "BEGIN{printf \"%.2f\", ${rss[$name]} / ${rss[$first]}}")×, heap $(awk "BEGIN{printf \"%.2f\", ${heap[$name]} / ${heap[$first]}}")×"
done
command="COUNT=$COUNT ROUNDS=$ROUNDS CHECKOUTS=\"$CHECKOUTS\""
[[ "$VARIANTS" == default ]] || command+=" VARIANTS=\$'${VARIANTS//$'\n'/\\n}'"
append_block "Memory per idle connection (one instance)" "$command bench/idle-memory.sh" "$body"
