#!/usr/bin/env bash
# A local ChatServer cluster without Docker: redis-server, N ChatServer instances and nginx, all on 127.0.0.1.
#
#   ./cluster.sh up [N] [--observe]   build once (Release), start redis :6380, instances :5001..500N, one
#                           worker-only process :5101 (background jobs: room exports), nginx :8080 (and with
#                           --observe Prometheus :9090, scraping every instance); wait until ready
#   ./cluster.sh down       stop exactly the processes `up` started (pid files in .cluster/); safe to repeat
#   ./cluster.sh status     each process, whether it runs and whether it is ready; exit 0 only if all are
#   ./cluster.sh restart    a rolling restart of the instances, one at a time: SIGTERM (the instance drains: its
#                           clients reconnect to the others), wait for it to exit, start it again, wait until ready;
#                           then the worker the same way (a job it was running is taken over after the visibility timeout)
#   ./cluster.sh nginx-conf [N]   print the nginx configuration `up N` would use (nginx.conf, local addresses)
#   ./cluster.sh prometheus-conf [N]   print the Prometheus configuration `up N --observe` would use
#                           (deploy/prometheus/prometheus.yml, local addresses)
#
# State, logs and pid files live in .cluster/ (chat-1.pid, chat-1.log, worker-1.pid, redis.pid, nginx.pid, ...).
# The caller's environment reaches every instance, so Chat__* and Redis__* settings apply to all of them;
# Redis__Configuration defaults to 127.0.0.1:6380 (an explicitly set value, even empty, wins) and
# Chat__InstanceId is always chat-<i>, the name nginx's affinity map routes by (worker-<i> for the worker, which
# serves only /health/* and /metrics on its own port and takes jobs from the Redis queue the instances fill).
set -euo pipefail

# Physical path: it is compared with the processes' /proc/<pid>/cwd.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
STATE="$ROOT/.cluster"
APP_DIR="$STATE/app"
NGINX_PREFIX="$STATE/nginx"
REDIS_DIR="$STATE/redis"
PROMETHEUS_DIR="$STATE/prometheus"
PROMETHEUS_CONF="$ROOT/deploy/prometheus/prometheus.yml"
HOST=127.0.0.1
REDIS_PORT=6380
NGINX_PORT=8080
PROMETHEUS_PORT=9090
BASE_PORT=5000
MAX_INSTANCES=99
# Worker-only processes (--Jobs:Role=worker) listen above every instance port: 5101, ...
WORKER_BASE_PORT=5100
WORKERS=1
READY_TIMEOUT_SECONDS=${CLUSTER_READY_TIMEOUT_SECONDS:-90}
# An instance drains for Chat__Shutdown__DrainSeconds (default 10) after SIGTERM, then stops: SIGKILL only well after.
DRAIN_SECONDS=${Chat__Shutdown__DrainSeconds:-10}
[[ "$DRAIN_SECONDS" =~ ^[0-9]+$ ]] || { echo "cluster.sh: error: Chat__Shutdown__DrainSeconds must be a whole number (got '$DRAIN_SECONDS')" >&2; exit 1; }
STOP_TIMEOUT_SECONDS=$((DRAIN_SECONDS + 20))

die() { echo "cluster.sh: error: $*" >&2; exit 1; }
say() { echo "cluster.sh: $*"; }

instance_port() { echo $((BASE_PORT + $1)); }
worker_port() { echo $((WORKER_BASE_PORT + $1)); }

# The HTTP port of a chat instance or worker by its name (chat-<i>, worker-<i>).
process_port() {
    case "$1" in
        chat-*) instance_port "${1#chat-}" ;;
        worker-*) worker_port "${1#worker-}" ;;
    esac
}

# ---------------------------------------------------------------- dependencies and ports

find_nginx() {
    # Debian installs nginx in /usr/sbin, which a non-root PATH often lacks.
    command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true
}

check_dependencies() {
    local missing=()
    command -v dotnet >/dev/null 2>&1 || missing+=("dotnet (the .NET SDK, see global.json)")
    command -v redis-server >/dev/null 2>&1 || missing+=("redis-server")
    command -v redis-cli >/dev/null 2>&1 || missing+=("redis-cli")
    [ -n "$(find_nginx)" ] || missing+=("nginx")
    command -v curl >/dev/null 2>&1 || missing+=("curl")
    if [ ${#missing[@]} -gt 0 ]; then
        die "missing dependencies: ${missing[*]}
  install them with: sudo apt-get install -y redis-server nginx curl   (the services need not run: cluster.sh starts its own)"
    fi
}

check_observe_dependencies() {
    command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1 \
        || die "--observe needs prometheus and promtool
  install them with: sudo apt-get install -y --no-install-recommends prometheus   (the service need not run: cluster.sh starts its own)"
}

port_in_use() {
    # A completed connect means something listens there; bash's /dev/tcp needs no extra tool.
    (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

port_owner() {
    ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\(.*\)))/\1/p' | head -n1
}

check_ports() {
    local count=$1 observe=$2 port i taken=()
    local fixed=("$REDIS_PORT" "$NGINX_PORT")
    [ "$observe" = 1 ] && fixed+=("$PROMETHEUS_PORT")
    for port in "${fixed[@]}"; do
        port_in_use "$port" && taken+=("$port")
    done
    for ((i = 1; i <= count; i++)); do
        port="$(instance_port "$i")"
        port_in_use "$port" && taken+=("$port")
    done
    for ((i = 1; i <= WORKERS; i++)); do
        port="$(worker_port "$i")"
        port_in_use "$port" && taken+=("$port")
    done
    if [ ${#taken[@]} -gt 0 ]; then
        local report="" owner
        for port in "${taken[@]}"; do
            owner="$(port_owner "$port")"
            report+="
  $HOST:$port is already in use${owner:+ by $owner}"
        done
        die "cannot start the cluster, ports taken:$report
  stop what holds them (a cluster from another checkout: its ./cluster.sh down) and retry"
    fi
}

# ---------------------------------------------------------------- pid files

pid_file() { echo "$STATE/$1.pid"; }

# The names of the processes `up` records, in start order.
recorded_names() {
    local f
    [ -f "$(pid_file redis)" ] && echo redis
    for f in $(ls "$STATE"/chat-*.pid 2>/dev/null | sort -V) $(ls "$STATE"/worker-*.pid 2>/dev/null | sort -V); do
        basename "$f" .pid
    done
    [ -f "$(pid_file nginx)" ] && echo nginx
    [ -f "$(pid_file prometheus)" ] && echo prometheus
    return 0
}

# Whether pid runs the process `up` started under this name: its command line and working directory must match,
# so a recycled pid or an edited pid file never makes `down` signal somebody else's process.
is_ours() {
    local name=$1 pid=$2 cmdline cwd
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    [ -r "/proc/$pid/cmdline" ] || return 1
    cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
    cwd="$(readlink "/proc/$pid/cwd" 2>/dev/null)" || cwd=""
    case "$name" in
        redis) [[ "$cmdline" == redis-server*":$REDIS_PORT"* && "$cwd" == "$REDIS_DIR" ]] ;;
        nginx) [[ "$cmdline" == *nginx*"-p $NGINX_PREFIX/"* && "$cwd" == "$NGINX_PREFIX" ]] ;;
        prometheus) [[ "$cmdline" == *prometheus*"--web.listen-address=$HOST:$PROMETHEUS_PORT"* && "$cwd" == "$PROMETHEUS_DIR" ]] ;;
        chat-*) [[ "$cmdline" == *"ChatServer.dll --urls http://$HOST:$(instance_port "${name#chat-}")"* && "$cwd" == "$APP_DIR" ]] ;;
        worker-*) [[ "$cmdline" == *"ChatServer.dll --Jobs:Role=worker --urls http://$HOST:$(worker_port "${name#worker-}")"* && "$cwd" == "$APP_DIR" ]] ;;
        *) return 1 ;;
    esac
}

process_alive() {
    # Exists and is not a zombie (an exited child not yet reaped by whoever adopted it).
    local state
    state="$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)" || return 1
    [ -n "$state" ] && [ "$state" != Z ]
}

running_pid() {
    # Prints the pid recorded for name when that process is still ours and alive.
    local name=$1 file pid
    file="$(pid_file "$name")"
    [ -f "$file" ] || return 1
    pid="$(cat "$file")"
    is_ours "$name" "$pid" || return 1
    echo "$pid"
}

# ---------------------------------------------------------------- nginx configuration

# The instance block of nginx.conf (upstreams and the cookie map) for `count` instances; address_of prints the
# address of instance i. nginx.conf holds this block rendered for the three Docker instances.
render_instances() {
    local count=$1 address_of=$2 i j
    echo "    upstream chat_pool {"
    echo "        zone chat_pool 64k;"
    echo "        least_conn;"
    for ((i = 1; i <= count; i++)); do
        echo "        server $($address_of "$i") max_fails=1 fail_timeout=5s;"
    done
    echo "        keepalive 32;"
    echo "    }"
    for ((i = 1; i <= count; i++)); do
        echo
        echo "    upstream chat_$i {"
        echo "        zone chat_$i 64k;"
        echo "        server $($address_of "$i") max_fails=1 fail_timeout=5s;"
        for ((j = 1; j <= count; j++)); do
            [ "$j" -eq "$i" ] || echo "        server $($address_of "$j") backup;"
        done
        echo "        keepalive 8;"
        echo "    }"
    done
    echo
    echo "    # Instance id (Chat__InstanceId) named by the affinity cookie -> that instance's upstream."
    echo "    map \$cookie_chat_instance \$chat_hub_upstream {"
    echo "        default chat_pool;"
    for ((i = 1; i <= count; i++)); do
        echo "        chat-$i  chat_$i;"
    done
    echo "    }"
}

docker_address() { echo "chat-$1:8080"; }
local_address() { echo "$HOST:$(instance_port "$1")"; }

# nginx.conf with the instance block rendered for local instances and nginx bound to 127.0.0.1; nothing else changes.
render_local_nginx_conf() {
    local count=$1 source="$ROOT/nginx.conf"
    [ -f "$source" ] || die "$source is missing"
    grep -q '^    upstream chat_pool {$' "$source" && grep -q '^    # END instances$' "$source" \
        || die "nginx.conf has no instance block ('upstream chat_pool {' ... '# END instances') to regenerate"
    awk -v block="$(render_instances "$count" local_address)" '
        /^    upstream chat_pool \{$/ { print block; skipping = 1; next }
        /^    # END instances$/ { skipping = 0 }
        !skipping { print }
    ' "$source" | sed "s/^\(        listen \)$NGINX_PORT;\$/\1$HOST:$NGINX_PORT;/"
}

# deploy/prometheus/prometheus.yml with its targets block rendered for `count` local instances; nothing else changes.
render_local_prometheus_conf() {
    local count=$1 i block=""
    [ -f "$PROMETHEUS_CONF" ] || die "$PROMETHEUS_CONF is missing"
    grep -q '^      # BEGIN instances' "$PROMETHEUS_CONF" && grep -q '^      # END instances$' "$PROMETHEUS_CONF" \
        || die "$PROMETHEUS_CONF has no instance block ('# BEGIN instances' ... '# END instances') to regenerate"
    for ((i = 1; i <= count; i++)); do
        block+="      - targets: [\"$(local_address "$i")\"]"$'\n'"        labels:"$'\n'"          instance: chat-$i"$'\n'
    done
    awk -v block="${block%$'\n'}" '
        /^      # BEGIN instances/ { print; print block; skipping = 1; next }
        /^      # END instances$/ { skipping = 0 }
        !skipping { print }
    ' "$PROMETHEUS_CONF"
}

# ---------------------------------------------------------------- readiness

http_status() {
    curl --silent --output /dev/null --write-out '%{http_code}' --max-time 2 "$1" 2>/dev/null || true
}

process_ready() {
    local name=$1
    case "$name" in
        redis) [ "$(redis-cli -h "$HOST" -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ] ;;
        nginx) [ "$(http_status "http://$HOST:$NGINX_PORT/index.html")" = 200 ] ;;
        prometheus) [ "$(http_status "http://$HOST:$PROMETHEUS_PORT/-/ready")" = 200 ] ;;
        chat-* | worker-*) [ "$(http_status "http://$HOST:$(process_port "$name")/health/ready")" = 200 ] ;;
    esac
}

log_tail() {
    local name=$1
    local file="$STATE/$name.log"
    if grep -q '^Unhandled exception' "$file" 2>/dev/null; then
        # A crash's cause is the first line of a stack trace longer than any tail (an invalid option at start-up).
        echo "---- .cluster/$name.log from its unhandled exception ----" >&2
        grep -m1 -A 29 '^Unhandled exception' "$file" >&2
        return 0
    fi
    echo "---- last lines of .cluster/$name.log ----" >&2
    tail -n 30 "$file" >&2 2>/dev/null || echo "(no log)" >&2
}

# ---------------------------------------------------------------- commands

start_process() {
    # start_process NAME CWD COMMAND...: runs COMMAND in CWD with output in .cluster/NAME.log and records its pid.
    # `exec` replaces the subshell, so $! is the server itself, not a shell around it.
    local name=$1 cwd=$2
    shift 2
    (cd "$cwd" && exec nohup "$@" </dev/null >>"$STATE/$name.log" 2>&1) &
    echo $! >"$(pid_file "$name")"
    # Not this shell's job any more: no "Aborted" notices when one dies while up still waits.
    disown "$!"
}

start_instance() {
    local i=$1
    start_process "chat-$i" "$APP_DIR" env \
        Chat__InstanceId="chat-$i" \
        Redis__Configuration="${Redis__Configuration-$HOST:$REDIS_PORT}" \
        dotnet ChatServer.dll --urls "http://$HOST:$(instance_port "$i")"
}

start_worker() {
    local i=$1
    start_process "worker-$i" "$APP_DIR" env \
        Chat__InstanceId="worker-$i" \
        Redis__Configuration="${Redis__Configuration-$HOST:$REDIS_PORT}" \
        dotnet ChatServer.dll --Jobs:Role=worker --urls "http://$HOST:$(worker_port "$i")"
}

# Starts chat-<i> or worker-<i> again under its name.
start_named() {
    case "$1" in
        chat-*) start_instance "${1#chat-}" ;;
        worker-*) start_worker "${1#worker-}" ;;
    esac
}

abort_start() {
    # A half-started cluster is worse than none: stop what was started, keep the logs.
    echo "cluster.sh: start-up failed; stopping what was started" >&2
    cmd_down >&2
    die "$1"
}

cmd_up() {
    local count=3 observe=0 argument i name
    for argument in "$@"; do
        case "$argument" in
            --observe) observe=1 ;;
            *) count=$argument ;;
        esac
    done
    [[ "$count" =~ ^[0-9]+$ ]] && [ "$count" -ge 1 ] && [ "$count" -le "$MAX_INSTANCES" ] \
        || die "N must be a number from 1 to $MAX_INSTANCES (got '$count')"
    check_dependencies
    [ "$observe" = 0 ] || check_observe_dependencies
    if [ -n "$(recorded_names)" ]; then
        for name in $(recorded_names); do
            running_pid "$name" >/dev/null && die "a cluster is already running here ($name); ./cluster.sh down first"
        done
        say "removing stale pid files of a cluster that is no longer running"
        rm -f "$STATE"/*.pid
    fi
    check_ports "$count" "$observe"

    mkdir -p "$STATE" "$REDIS_DIR" "$NGINX_PREFIX"
    # Fresh logs per cluster, so a log tail never shows an earlier run.
    rm -f "$STATE"/*.log
    local nginx_bin
    nginx_bin="$(find_nginx)"

    say "building ChatServer (Release) into .cluster/app, log in .cluster/build.log"
    # No build servers or node reuse: nothing of the build may outlive this script.
    if ! dotnet publish "$ROOT/ChatServer/ChatServer.csproj" -c Release -o "$APP_DIR" --nologo \
        -nodeReuse:false -p:UseSharedCompilation=false >"$STATE/build.log" 2>&1 </dev/null; then
        tail -n 30 "$STATE/build.log" >&2
        die "the build failed (full log: .cluster/build.log)"
    fi
    [ -f "$ROOT/wwwroot/lib/signalr.min.js" ] || die "wwwroot/lib/signalr.min.js is missing after the build"

    render_local_nginx_conf "$count" >"$NGINX_PREFIX/nginx.conf"
    ln -sfn "$ROOT/wwwroot" "$NGINX_PREFIX/wwwroot"
    # Started by root, nginx would run its workers as www-data, which may not read a checkout under /root; the
    # workers run as the invoking user instead, as they do anyway when nginx is started without root.
    local nginx_globals="daemon off;"
    [ "$(id -u)" -ne 0 ] || nginx_globals+=" user root;"
    if ! "$nginx_bin" -t -q -p "$NGINX_PREFIX/" -c nginx.conf -e stderr -g "$nginx_globals" >"$STATE/nginx-test.log" 2>&1; then
        cat "$STATE/nginx-test.log" >&2
        die "nginx rejected .cluster/nginx/nginx.conf"
    fi

    start_process redis "$REDIS_DIR" redis-server --bind "$HOST" --port "$REDIS_PORT" --dir "$REDIS_DIR" \
        --appendonly yes --daemonize no --save ""
    for ((i = 1; i <= count; i++)); do
        start_instance "$i"
    done
    for ((i = 1; i <= WORKERS; i++)); do
        start_worker "$i"
    done
    start_process nginx "$NGINX_PREFIX" "$nginx_bin" -p "$NGINX_PREFIX/" -c nginx.conf -e stderr -g "$nginx_globals"
    if [ "$observe" = 1 ]; then
        # The same configuration as docker-compose.yml's Prometheus, with the local targets; its data lasts until the
        # next `up --observe`.
        mkdir -p "$PROMETHEUS_DIR"
        rm -rf "$PROMETHEUS_DIR/data"
        render_local_prometheus_conf "$count" >"$PROMETHEUS_DIR/prometheus.yml"
        if ! promtool check config "$PROMETHEUS_DIR/prometheus.yml" >"$STATE/promtool.log" 2>&1; then
            cat "$STATE/promtool.log" >&2
            abort_start "promtool rejected .cluster/prometheus/prometheus.yml"
        fi
        start_process prometheus "$PROMETHEUS_DIR" prometheus --config.file=prometheus.yml --storage.tsdb.path=data \
            --storage.tsdb.retention.time=1d --web.listen-address="$HOST:$PROMETHEUS_PORT"
    fi

    say "waiting for redis, $count instance(s), $WORKERS worker(s) and nginx to be ready (at most ${READY_TIMEOUT_SECONDS}s)"
    local deadline=$((SECONDS + READY_TIMEOUT_SECONDS)) pending pid
    while :; do
        pending=()
        for name in $(recorded_names); do
            pid="$(cat "$(pid_file "$name")")"
            if ! process_alive "$pid"; then
                log_tail "$name"
                abort_start "$name exited during start-up (log: .cluster/$name.log)"
            fi
            # Until its subshell has exec'd, the pid is not yet the server: pending, not failed.
            { is_ours "$name" "$pid" && process_ready "$name"; } || pending+=("$name")
        done
        [ ${#pending[@]} -eq 0 ] && break
        if [ "$SECONDS" -ge "$deadline" ]; then
            for name in "${pending[@]}"; do log_tail "$name"; done
            abort_start "not ready after ${READY_TIMEOUT_SECONDS}s: ${pending[*]}"
        fi
        sleep 0.3
    done
    say "cluster ready: $count instance(s) behind http://$HOST:$NGINX_PORT/ (redis $HOST:$REDIS_PORT, logs in .cluster/)"
    say "background jobs: $WORKERS worker-only process(es) from http://$HOST:$(worker_port 1)/health/ready, beside each instance's own worker"
    [ "$observe" = 0 ] || say "Prometheus at http://$HOST:$PROMETHEUS_PORT/ scrapes every instance's /metrics (README, \"Operations\")"
    echo "http://$HOST:$NGINX_PORT/"
}

stop_one() {
    local name=$1 file pid children waited
    file="$(pid_file "$name")"
    pid="$(cat "$file" 2>/dev/null || true)"
    if ! is_ours "$name" "$pid"; then
        if [ -n "$pid" ] && [ -e "/proc/$pid" ]; then
            say "$name: pid $pid is not the process cluster.sh started; left alone"
        else
            say "$name: not running (stale pid file)"
        fi
        rm -f "$file"
        return 0
    fi
    # nginx workers do not die with a SIGKILLed master; remember them in case TERM is not enough.
    children="$(pgrep -P "$pid" 2>/dev/null || true)"
    kill -TERM "$pid" 2>/dev/null || true
    waited=0
    while [ -e "/proc/$pid" ] && is_ours "$name" "$pid" && [ "$waited" -lt $((STOP_TIMEOUT_SECONDS * 10)) ]; do
        sleep 0.1
        waited=$((waited + 1))
    done
    if [ -e "/proc/$pid" ] && is_ours "$name" "$pid"; then
        say "$name: pid $pid ignored SIGTERM for ${STOP_TIMEOUT_SECONDS}s; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        [ -n "$children" ] && kill -KILL $children 2>/dev/null || true
    fi
    say "$name: stopped (pid $pid)"
    rm -f "$file"
}

cmd_down() {
    local names name
    names="$(recorded_names)"
    if [ -z "$names" ]; then
        say "nothing to stop (no pid files in .cluster/)"
        return 0
    fi
    # Prometheus and nginx first (no new scrapes or traffic), then the instances and workers, redis last (they may
    # still write to it).
    for name in prometheus nginx $(echo "$names" | grep -E '^(chat|worker)-' || true) redis; do
        [ -f "$(pid_file "$name")" ] && stop_one "$name"
    done
    return 0
}

# Stops one instance or worker (SIGTERM: it drains), starts it again and waits until it is ready.
restart_one() {
    local name=$1 pid deadline
    say "$name: stopping (SIGTERM: drains over ${DRAIN_SECONDS}s)"
    stop_one "$name"
    start_named "$name"
    pid="$(cat "$(pid_file "$name")")"
    deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
    # Until its subshell has exec'd, the recorded pid is not yet the server (is_ours fails): pending, not failed.
    until is_ours "$name" "$pid" && process_ready "$name"; do
        if ! process_alive "$pid"; then
            log_tail "$name"
            die "$name exited while restarting (log: .cluster/$name.log)"
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            log_tail "$name"
            die "$name not ready ${READY_TIMEOUT_SECONDS}s after its restart"
        fi
        sleep 0.3
    done
    say "$name: restarted (pid $pid), ready"
}

cmd_restart() {
    local names workers name
    names="$(recorded_names | grep '^chat-' || true)"
    workers="$(recorded_names | grep '^worker-' || true)"
    [ -n "$names" ] || die "no instances to restart (no .cluster/chat-*.pid); ./cluster.sh up first"
    for name in $names $workers; do
        running_pid "$name" >/dev/null || die "$name is not running; ./cluster.sh status"
    done
    [ -f "$APP_DIR/ChatServer.dll" ] || die ".cluster/app/ChatServer.dll is missing; ./cluster.sh up builds it"
    # One at a time, each ready before the next stops: the others always carry the clients (and the jobs).
    for name in $names $workers; do
        restart_one "$name"
    done
    say "rolling restart done: $(echo "$names" | wc -w) instance(s), $(echo "$workers" | wc -w) worker(s)"
}

cmd_status() {
    local names name pid state all_ok=0 address
    names="$(recorded_names)"
    if [ -z "$names" ]; then
        echo "no cluster (no pid files in .cluster/)"
        return 3
    fi
    printf '%-8s %-8s %-22s %s\n' NAME PID ADDRESS STATE
    for name in $names; do
        case "$name" in
            redis) address="$HOST:$REDIS_PORT" ;;
            nginx) address="$HOST:$NGINX_PORT" ;;
            prometheus) address="$HOST:$PROMETHEUS_PORT" ;;
            *) address="$HOST:$(process_port "$name")" ;;
        esac
        if pid="$(running_pid "$name")"; then
            if process_ready "$name"; then state=ready; else state="running, not ready"; all_ok=1; fi
        else
            pid="$(cat "$(pid_file "$name")" 2>/dev/null || echo -)"
            state="not running"
            all_ok=1
        fi
        printf '%-8s %-8s %-22s %s\n' "$name" "$pid" "$address" "$state"
    done
    return "$all_ok"
}

main() {
    local command=${1:-}
    shift || true
    case "$command" in
        up) cmd_up "$@" ;;
        down) cmd_down ;;
        status) cmd_status ;;
        restart) cmd_restart ;;
        nginx-conf) render_local_nginx_conf "${1:-3}" ;;
        prometheus-conf) render_local_prometheus_conf "${1:-3}" ;;
        *)
            echo "usage: ./cluster.sh up [N] [--observe] | down | status | restart | nginx-conf [N] | prometheus-conf [N]" >&2
            exit 2
            ;;
    esac
}

main "$@"
