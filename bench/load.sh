#!/usr/bin/env bash
# End-to-end load against `serve` on loopback (dev.righttime.bench.LoadGenerator): starts
# local/target/righttime-local.jar serve on a free 127.0.0.1 port with generated profiles and
# secrets, sends signed Standard Webhooks deliveries at fixed rates and in one burst, checks the
# outbox, and writes bench/results/load.json and load.svg. Bounded: it stops by itself (a few
# minutes with the defaults). Build first: mvn -B -DskipTests package
# Options (defaults): --rates 100,300,1000 --duration 15 --burst 2000 --in-flight 64
#   --warmup-rate 50 --warmup 30 --drain 180 --settle 12 --cart-share 0.10 --duplicate-share 0.05
#   --out bench/results --server-jvm-arg ARG (repeatable, e.g. -XX:StartFlightRecording=...)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
for f in bench/target/righttime-bench.jar local/target/righttime-local.jar; do
  [[ -f $f ]] || { echo "missing $f: run mvn -B -DskipTests package" >&2; exit 1; }
done
exec "$JAVA" -cp bench/target/righttime-bench.jar dev.righttime.bench.LoadGenerator "$@"
