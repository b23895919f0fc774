#!/usr/bin/env bash
# A short interleaved A/B of two checkouts (docs/BENCHMARKS.md, "what buyer tokens cost"): GET of a near-cached
# product and purchases, 32 connections, 20 s each after 40 s of warm-up, each run on two members of its own build
# and a fresh database (benchprof on the MariaDB at 127.0.0.1:3306). The older checkout built in a worktree as for
# app-node-ab.sh; the buyers' tokens must be in $TOKENS already (app-node-ab.sh mints them, or BuyerTokens).
# ORDER=abba runs after, before, before, after (cancels a machine that speeds up or slows down steadily).
#   [ORDER=abba] bench/wrk/get-vs-buy-ab.sh [before-dir, default /tmp/before]
set -u
cd "$(dirname "$0")/../.."
BEFORE=${1:-/tmp/before}
export FLASHSALE_DB_URL='jdbc:mysql://127.0.0.1:3306/benchprof?useSSL=false' FLASHSALE_DB_USER=root FLASHSALE_DB_PASSWORD=
export FLASHSALE_MEMBERS=127.0.0.1:5921,127.0.0.1:5922 FLASHSALE_CDC=false FLASHSALE_CLUSTER_NAME=benchprof
export FLASHSALE_JWT_SECRET=bench-ab-secret-of-at-least-32-bytes TOKENS=${TOKENS:-/tmp/ab-tokens.tsv}
run() { # $1 checkout, $2 label
  mariadb -uroot -h127.0.0.1 -e 'DROP DATABASE IF EXISTS benchprof; CREATE DATABASE benchprof'
  FLASHSALE_PORT=5921 java -XX:MaxGCPauseMillis=20 -jar $1/grid-node/target/grid-node.jar > /tmp/s-m1.log 2>&1 & M1=$!
  FLASHSALE_PORT=5922 java -XX:MaxGCPauseMillis=20 -jar $1/grid-node/target/grid-node.jar > /tmp/s-m2.log 2>&1 & M2=$!
  sleep 25
  FLASHSALE_ADMIN_TOKEN=t SERVER_PORT=8097 FLASHSALE_RATE_LIMIT_PER_SECOND=1000000 FLASHSALE_RATE_LIMIT_BURST=1000000 \
    java -XX:MaxGCPauseMillis=20 -Xmx512m -jar $1/app-node/target/app-node.jar --flashsale.traffic.user-rate-per-second=1000000 \
    --flashsale.traffic.user-burst=1000000 > /tmp/s-app.log 2>&1 & A=$!
  for i in $(seq 1 60); do curl -sf localhost:8097/actuator/health >/dev/null 2>&1 && break; sleep 1; done
  curl -s -o /dev/null -X PUT -H 'Authorization: Bearer t' -H 'Content-Type: application/json' \
    -d '{"name":"p","description":"d","price":"1.00"}' localhost:8097/api/admin/products/prof-p
  curl -s -o /dev/null -X POST -H 'Authorization: Bearer t' -H 'Content-Type: application/json' \
    -d '{"saleId":"prof-s","productId":"prof-p","stock":50000000,"segments":10,"perUserLimit":1000}' localhost:8097/api/admin/sales
  wrk -t2 -c32 -d30s -s bench/wrk/buy.lua http://127.0.0.1:8097/api/sales/prof-s/purchases > /dev/null
  wrk -t2 -c32 -d10s http://127.0.0.1:8097/api/products/prof-p > /dev/null
  echo "== $2 GET c32 $(wrk -t2 -c32 -d20s http://127.0.0.1:8097/api/products/prof-p | grep Requests/sec)"
  echo "== $2 purchase c32 $(wrk -t2 -c32 -d20s -s bench/wrk/buy.lua http://127.0.0.1:8097/api/sales/prof-s/purchases | grep Requests/sec)"
  kill -TERM $A; wait $A; kill -TERM $M1 $M2; wait $M1 $M2
}
if [ "${ORDER:-abab}" = abba ]; then
  run . after1; run "$BEFORE" before1; run "$BEFORE" before2; run . after2
else
  run . after1; run "$BEFORE" before1; run . after2; run "$BEFORE" before2
fi
