#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Chorus authors
# SPDX-License-Identifier: GPL-3.0-or-later
# bench/host/scaleout.sh [--instances 0,1,2,3] [--repeat N] [--fsync everysec|always]
# Scale-out benchmark (docs/performance.md, "Scale-out"): scenario b of the reference harness
# (50 rooms x 20 clients x 2 ops/s, 1,000 connections) against chorus-server in Redis mode on
# 1, 2 and 3 instances behind bench/host/balancer.mjs (round robin, so the clients of a room
# sit on different instances and most deliveries cross Redis), and against the embedded mode
# (0 = one instance, SQLite, no Redis, no balancer). Prints one line per run: delivered
# updates/s, p50/p99 latency, CPU of the instances + redis-server (and of the balancer apart)
# over the whole loadgen run, and that CPU per delivered update.
# Needs a Release chorus-server in build/bench-redis and the harness in build/server-bench
# (scripts/bench-host sets that up); Redis and the embedded store both keep their data under
# build/bench-redis/data. The machine has 2 cores shared with the load generator: take medians.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
instances=0,1,2,3
repeat=1
fsync=everysec
while [ $# -gt 0 ]; do
    case "$1" in
    --instances) instances=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --fsync) fsync=$2; shift 2 ;;
    *) echo "usage: bench/host/scaleout.sh [--instances 0,1,2,3] [--repeat N] [--fsync everysec|always]" >&2; exit 2 ;;
    esac
done
cd "$repo"
[ -x build/bench-redis/server/chorus-server ] || {
    scripts/dev cmake -S . -B build/bench-redis -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DCHORUS_BUILD_APP=OFF -DCHORUS_BUILD_BENCHMARKS=OFF >/dev/null
    scripts/dev cmake --build build/bench-redis --target chorus-server >&2
}
[ -d build/server-bench/node_modules ] || { echo "run scripts/bench-host once first (harness)" >&2; exit 1; }
exec scripts/dev bash "$repo/bench/host/scaleout-run.sh" "$repo" "$instances" "$repeat" "$fsync"
