#!/usr/bin/env bash
# Room export throughput (messages/s) and the server's peak memory, in memory mode and in Redis mode, for a room of
# COUNT (default 20,000) messages, in each format. Reproduce with:  bench/export.sh   (after a Release build)
# Starts its own redis-server and ChatServer on free 127.0.0.1 ports and stops exactly those. Throughput comes from
# the worker's own log line (the job's run time, from claim to stored result); memory is the server's VmHWM (peak
# RSS) before the first export (room loaded) and after the last.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
SERVER_DLL="$ROOT/ChatServer/bin/Release/net10.0/ChatServer.dll"
COUNT="${COUNT:-20000}"
WORK="$(mktemp -d)"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
peak_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }

run_mode() { # memory|redis
    local mode="$1" port redis_port="" env=()
    port="$(free_port)"
    if [[ "$mode" == redis ]]; then
        redis_port="$(free_port)"
        redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK" >"$WORK/redis.log" 2>&1 &
        PIDS+=($!)
        env+=("Redis__Configuration=127.0.0.1:$redis_port")
    fi

    env "${env[@]}" Chat__RateLimit__MessagesPerSecond=1000000 Chat__RateLimit__Burst=1000000 Chat__History__MaxLength=1000000 \
        Serilog__MinimumLevel__Default=Warning Serilog__MinimumLevel__Override__ChatServer.Jobs=Information \
        dotnet "$SERVER_DLL" --urls "http://127.0.0.1:$port" >"$WORK/server-$mode.log" 2>&1 &
    local server=$!
    PIDS+=("$server")
    local url="http://127.0.0.1:$port"
    for _ in $(seq 1 100); do curl -fs "$url/health/ready" >/dev/null 2>&1 && break; sleep 0.2; done

    curl -fs -X POST "$url/api/auth/register" -H 'content-type: application/json' -d '{"userName":"bench","password":"bench-password"}' >/dev/null
    local token
    token="$(curl -fs -X POST "$url/api/auth/login" -H 'content-type: application/json' -d '{"userName":"bench","password":"bench-password"}' | json_field accessToken)"
    node "$ROOT/bench/export-seed.mjs" "$url" "$token" bench "$COUNT"
    local before
    before="$(peak_kb "$server")"

    for format in json csv html; do
        local job status=""
        job="$(curl -fs -X POST "$url/api/rooms/bench/exports" -H "authorization: Bearer $token" -H 'content-type: application/json' -d "{\"format\":\"$format\"}" | json_field jobId)"
        until [[ "$status" == succeeded || "$status" == failed ]]; do
            sleep 0.2
            status="$(curl -fs "$url/api/jobs/$job" -H "authorization: Bearer $token" | json_field status)"
        done
        local bytes ms
        bytes="$(curl -fs "$url/api/jobs/$job/result" -H "authorization: Bearer $token" | wc -c)"
        ms="$(grep -o "Job $job (room-export) succeeded on attempt 1 in [0-9.]* ms" "$WORK/server-$mode.log" | grep -o '[0-9.]* ms' | cut -d' ' -f1)"
        printf '| %s | %s | %s | %s | %.0f | %.0f |\n' "$mode" "$format" "$COUNT" "$bytes" "$ms" "$(python3 -c "print($COUNT/($ms/1000))")"
    done
    printf '| %s | peak RSS (VmHWM) with the room loaded: %s MB; after the three exports: %s MB |\n' "$mode" "$((before / 1024))" "$(( $(peak_kb "$server") / 1024 ))"
}

echo "| mode | format | messages | file bytes | export ms | messages/s |"
echo "| --- | --- | --- | --- | --- | --- |"
run_mode memory
run_mode redis
