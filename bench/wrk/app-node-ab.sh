#!/usr/bin/env bash
# A/B of two app-node jars against the same two members, interleaved (docs/BENCHMARKS.md): the older commit's
# build in a worktree (default /tmp/before: git worktree add /tmp/before <commit> && (cd /tmp/before &&
# ./mvnw -q -DskipTests package)), this checkout's build as "after". Needs wrk and the MariaDB on 127.0.0.1:3306;
# the database benchmon is created afresh. With MEMBERS=own each run starts its side's members on a fresh database
# (needed when the grid's classes changed between the two commits, and it takes the members' filling out too).
#   [ORDER=ba] [MEMBERS=own] bench/wrk/app-node-ab.sh [before-dir]
set -u
cd "$(dirname "$0")/../.."
BEFORE=${1:-/tmp/before}
export FLASHSALE_DB_URL='jdbc:mysql://127.0.0.1:3306/benchmon?useSSL=false' FLASHSALE_DB_USER=root FLASHSALE_DB_PASSWORD=
export FLASHSALE_MEMBERS=127.0.0.1:5901,127.0.0.1:5902 FLASHSALE_CDC=false FLASHSALE_CLUSTER_NAME=benchmon
start_members() { # $1 the checkout whose grid-node jar runs
  mariadb -uroot -h127.0.0.1 -e 'DROP DATABASE IF EXISTS benchmon; CREATE DATABASE benchmon'
  FLASHSALE_PORT=5901 java -XX:MaxGCPauseMillis=20 -jar "$1"/grid-node/target/grid-node.jar > /tmp/m1.log 2>&1 & M1=$!
  FLASHSALE_PORT=5902 java -XX:MaxGCPauseMillis=20 -jar "$1"/grid-node/target/grid-node.jar > /tmp/m2.log 2>&1 & M2=$!
  sleep 25
}
stop_members() {
  kill -TERM $M1 $M2; wait $M1 $M2
}
[ "${MEMBERS:-shared}" = own ] || start_members .
# Both builds get the secret and the tokens (one from before buyer tokens ignores them, reading the body's userId).
# The tokens are minted by the first run that can (POST /api/admin/tokens): with a build from before buyer tokens,
# ORDER=ba, so that this checkout's runs first.
export FLASHSALE_JWT_SECRET=bench-ab-secret-of-at-least-32-bytes TOKENS=/tmp/ab-tokens.tsv
run_app() { # $1 jar, $2 label
  if [ "${MEMBERS:-shared}" = own ]; then start_members "$(dirname "$1")/../.."; fi
  FLASHSALE_ADMIN_TOKEN=t SERVER_PORT=8091 FLASHSALE_RATE_LIMIT_PER_SECOND=1000000 FLASHSALE_RATE_LIMIT_BURST=1000000 \
    java -XX:MaxGCPauseMillis=20 -Xmx512m -jar "$1" --flashsale.traffic.user-rate-per-second=1000000 \
    --flashsale.traffic.user-burst=1000000 > /tmp/app-$2.log 2>&1 & A=$!
  for i in $(seq 1 60); do curl -sf localhost:8091/actuator/health >/dev/null 2>&1 && break; sleep 1; done
  curl -s -o /dev/null -X PUT -H 'Authorization: Bearer t' -H 'Content-Type: application/json' \
    -d '{"name":"p","description":"d","price":"1.00"}' localhost:8091/api/admin/products/perf-p
  curl -s -o /dev/null -X POST -H 'Authorization: Bearer t' -H 'Content-Type: application/json' \
    -d "{\"saleId\":\"perf-$2\",\"productId\":\"perf-p\",\"stock\":50000000,\"segments\":10,\"perUserLimit\":1000}" localhost:8091/api/admin/sales
  [ -s "$TOKENS" ] || java -cp 'bench/target/bench.jar:bench/target/lib/*' io.flashsale.bench.BuyerTokens \
    --url http://127.0.0.1:8091 --token t --users 60000 --out "$TOKENS"
  wrk -t2 -c32 -d30s -s bench/wrk/buy.lua http://127.0.0.1:8091/api/sales/perf-$2/purchases > /dev/null
  for c in 8 32 128; do
    echo "== $2 c$c"; wrk -t2 -c$c -d20s --latency -s bench/wrk/buy.lua http://127.0.0.1:8091/api/sales/perf-$2/purchases | grep -E "Requests/sec|50%|99%|Non-2xx"
  done
  echo "== $2 GET product c32"; wrk -t2 -c32 -d20s --latency http://127.0.0.1:8091/api/products/perf-p | grep -E "Requests/sec|50%|99%|Non-2xx"
  echo "== $2 keyed c32"; wrk -t2 -c32 -d20s --latency -s bench/wrk/buy.lua http://127.0.0.1:8091/api/sales/perf-$2/purchases -- keyed | grep -E "Requests/sec|50%|99%|Non-2xx"
  kill -TERM $A; wait $A
  if [ "${MEMBERS:-shared}" = own ]; then stop_members; fi
}
# The members fill with orders as the runs go on, so later runs are slower: ORDER=ba runs "after" first, and the two
# orders together cancel that drift out.
if [ "${ORDER:-ab}" = ba ]; then
  run_app app-node/target/app-node.jar after1
  run_app "$BEFORE"/app-node/target/app-node.jar before1
  run_app app-node/target/app-node.jar after2
  run_app "$BEFORE"/app-node/target/app-node.jar before2
else
  run_app "$BEFORE"/app-node/target/app-node.jar before1
  run_app app-node/target/app-node.jar after1
  run_app "$BEFORE"/app-node/target/app-node.jar before2
  run_app app-node/target/app-node.jar after2
fi
[ "${MEMBERS:-shared}" = own ] || stop_members
echo done
