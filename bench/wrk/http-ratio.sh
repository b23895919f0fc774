#!/usr/bin/env bash
# Issue 17's HTTP goal (docs/BENCHMARKS.md): purchase throughput against a near-cached GET /api/products/{id} on the
# same app node with the same connections, and purchase latency below the peak. Two grid-node.jar and one
# app-node.jar of this checkout (built: ./mvnw -q -DskipTests package), MariaDB on 127.0.0.1:3306 (database
# benchratio, created afresh), rate limits raised out of the way, all on loopback. Needs wrk.
#   [APP_JAR=...] [APP_JAVA=...] [APP_JAVA_OPTS=...] [MEMBER_JAVA_OPTS=...] bench/wrk/http-ratio.sh [connections, default 32]
# (APP_JAR: another build of the app node, for an A/B; APP_JAVA: another JDK for it, e.g. 21+ for virtual threads;
# APP_JAVA_OPTS: e.g. a flight recording; MEMBER_JAVA_OPTS: the members' JVM flags, by default docs/OPERATIONS.md's)
set -u
cd "$(dirname "$0")/../.."
C=${1:-32}
export FLASHSALE_DB_URL='jdbc:mysql://127.0.0.1:3306/benchratio?useSSL=false' FLASHSALE_DB_USER=root FLASHSALE_DB_PASSWORD=
export FLASHSALE_MEMBERS=127.0.0.1:5911,127.0.0.1:5912 FLASHSALE_CDC=false FLASHSALE_CLUSTER_NAME=benchratio
mariadb -uroot -h127.0.0.1 -e 'DROP DATABASE IF EXISTS benchratio; CREATE DATABASE benchratio'
MEMBER_JAVA_OPTS=${MEMBER_JAVA_OPTS:--Xms3g -Xmx3g -XX:NewRatio=2}
FLASHSALE_PORT=5911 java $MEMBER_JAVA_OPTS -jar grid-node/target/grid-node.jar > /tmp/ratio-m1.log 2>&1 & M1=$!
FLASHSALE_PORT=5912 java $MEMBER_JAVA_OPTS -jar grid-node/target/grid-node.jar > /tmp/ratio-m2.log 2>&1 & M2=$!
sleep 25
export FLASHSALE_JWT_SECRET=bench-ratio-secret-of-at-least-32-bytes TOKENS=/tmp/ratio-tokens.tsv
FLASHSALE_ADMIN_TOKEN=t SERVER_PORT=8093 FLASHSALE_RATE_LIMIT_PER_SECOND=1000000 FLASHSALE_RATE_LIMIT_BURST=1000000 \
  ${APP_JAVA:-java} -XX:MaxGCPauseMillis=20 -Xmx512m ${APP_JAVA_OPTS:-} -jar "${APP_JAR:-app-node/target/app-node.jar}" \
  --flashsale.traffic.user-rate-per-second=1000000 --flashsale.traffic.user-burst=1000000 > /tmp/ratio-app.log 2>&1 & A=$!
trap 'kill -TERM $A $M1 $M2 2>/dev/null; wait $A $M1 $M2 2>/dev/null' EXIT
for i in $(seq 1 60); do curl -sf localhost:8093/actuator/health >/dev/null 2>&1 && break; sleep 1; done
curl -s -o /dev/null -X PUT -H 'Authorization: Bearer t' -H 'Content-Type: application/json' \
  -d '{"name":"p","description":"d","price":"1.00"}' localhost:8093/api/admin/products/ratio-p
curl -s -o /dev/null -X POST -H 'Authorization: Bearer t' -H 'Content-Type: application/json' \
  -d '{"saleId":"ratio-s","productId":"ratio-p","stock":50000000,"segments":10,"perUserLimit":1000}' \
  localhost:8093/api/admin/sales
# 60,000 buyers (a run's ~1.2M purchases are ~20 each, far below the limit), their tokens minted before any load.
java -cp 'bench/target/bench.jar:bench/target/lib/*' io.flashsale.bench.BuyerTokens --url http://127.0.0.1:8093 \
  --token t --users 60000 --out "$TOKENS"
BUY=http://127.0.0.1:8093/api/sales/ratio-s/purchases
GET=http://127.0.0.1:8093/api/products/ratio-p
# Warm-up: the JIT on both paths, the near cache filled.
wrk -t2 -c"$C" -d30s -s bench/wrk/buy.lua "$BUY" > /dev/null
wrk -t2 -c"$C" -d15s "$GET" > /dev/null
for round in 1 2; do
  echo "== round $round: GET c$C"; wrk -t2 -c"$C" -d20s --latency "$GET" | grep -E "Requests/sec|50%|99%|Non-2xx"
  echo "== round $round: purchase c$C"; wrk -t2 -c"$C" -d20s --latency -s bench/wrk/buy.lua "$BUY" \
    | grep -E "Requests/sec|50%|99%|Non-2xx"
done
# Fewer connections load the node below its peak (closed loop: wrk cannot hold a fixed rate).
for c in 4 8 16; do
  echo "== purchase c$c"; wrk -t2 -c$c -d20s --latency -s bench/wrk/buy.lua "$BUY" | grep -E "Requests/sec|50%|99%|Non-2xx"
done
# Tomcat's platform request threads (none when it runs requests on virtual threads, spring.threads.virtual.enabled).
echo "== app node's platform request threads: $(jcmd $A Thread.print 2>/dev/null | grep -c '^"http-nio-8093-exec')"
echo "== orders: $(mariadb -uroot -h127.0.0.1 -N -e 'SELECT COUNT(*) FROM benchratio.orders' 2>/dev/null)"
