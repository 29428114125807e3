#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Chorus authors
# SPDX-License-Identifier: GPL-3.0-or-later
# The inside of bench/host/scaleout.sh (runs in the build environment): one loadgen run per
# instance count and repeat. Not meant to be called directly.
set -euo pipefail
repo=$1 instances=$2 repeat=$3 fsync=$4
bin=$repo/build/bench-redis/server/chorus-server
data=$repo/build/bench-redis/data
out=$repo/build/bench-redis/results
mkdir -p "$out"
pids=()
cpu() { # user+system seconds of the given pids
    local t=0 p
    for p in "$@"; do
        t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat")))
    done
    echo "$t $(getconf CLK_TCK)" | awk '{printf "%.3f", $1 / $2}'
}
waitline() { # file pattern
    for _ in $(seq 100); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
    echo "timed out waiting for '$2' in $1" >&2; return 1
}
stopall() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=(); }
trap stopall EXIT

IFS=, read -ra counts <<<"$instances"
for r in $(seq "$repeat"); do
    for n in "${counts[@]}"; do
        rm -rf "$data"; mkdir -p "$data"
        servers=() url="" balancer=""
        if [ "$n" = 0 ]; then
            "$bin" --port 18100 --data-dir "$data" --sync normal --log-level warning \
                >"$data/s0.out" 2>&1 & servers+=($!); pids+=($!)
            waitline "$data/s0.out" listening
            url=ws://127.0.0.1:18100 label="embedded (SQLite, --sync normal)"
        else
            redis-server --port 18099 --bind 127.0.0.1 --dir "$data" --appendonly yes \
                --appendfsync "$fsync" --save "" --daemonize no >"$data/redis.out" 2>&1 &
            servers+=($!); pids+=($!)
            waitline "$data/redis.out" "Ready to accept"
            sync=normal; [ "$fsync" = always ] && sync=full
            ports=()
            for i in $(seq "$n"); do
                "$bin" --port $((18100 + i)) --redis redis://127.0.0.1:18099 --sync $sync \
                    --log-level warning >"$data/s$i.out" 2>&1 & servers+=($!); pids+=($!)
                waitline "$data/s$i.out" listening
                ports+=($((18100 + i)))
            done
            node "$repo/bench/host/balancer.mjs" 18200 "${ports[@]}" >"$data/lb.out" 2>&1 &
            balancer=$!; pids+=($!)
            waitline "$data/lb.out" balancing
            url=ws://127.0.0.1:18200 label="redis, $n instance(s), appendfsync $fsync, --sync $sync"
        fi
        c0=$(cpu "${servers[@]}"); b0=0; [ -z "$balancer" ] || b0=$(cpu "$balancer")
        json=$out/b-$n-$r.json
        (cd "$repo/build/server-bench" && node loadgen.mjs --url "$url" --rooms 50 \
            --clients-per-room 20 --rate 2 --duration 20 --warmup 3 --json "$json" >"$out/b-$n-$r.txt" 2>&1) \
            || echo "loadgen exited $? (see $out/b-$n-$r.txt)" >&2
        c1=$(cpu "${servers[@]}"); b1=0; [ -z "$balancer" ] || b1=$(cpu "$balancer")
        node -e '
            const r = JSON.parse(require("fs").readFileSync(process.argv[1]))
            const [label, srv, lb] = [process.argv[2], +process.argv[3], +process.argv[4]]
            const d = r.deliveries
            console.log(`${label}: ${d.perSecInWindow} delivered/s, p50 ${r.latencyMs.p50} ms, ` +
              `p99 ${r.latencyMs.p99} ms, servers+redis CPU ${srv.toFixed(2)} s, balancer ${lb.toFixed(2)} s, ` +
              `${(1e6 * srv / d.observed).toFixed(1)} us CPU per delivered update ` +
              `(${d.observed}/${d.expected} delivered, loadgen ${r.loadgen.cpuPctOfOneCoreInWindow}% of a core)`)
        ' "$json" "$label" "$(echo "$c1 $c0" | awk '{print $1-$2}')" "$(echo "$b1 $b0" | awk '{print $1-$2}')"
        stopall
        sleep 2
    done
done
