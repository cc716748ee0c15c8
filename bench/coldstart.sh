#!/usr/bin/env bash
# Cold-start proxy: JVM start -> first handled event for each function's shaded jar, next to a
# hello-world handler jar built here, N runs each (default 7); medians, ratios and jar sizes go to
# bench/results/coldstart.json. Build first: mvn -B -DskipTests package
# Every AWS client points at a local stub that answers each call at once with a non-retryable
# 400 ValidationException, so the first request makes one real HTTP round trip and fails without
# SDK retry back-off: the figure is start-up and code-path cost, not AWS latency.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-7}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JAVAC=${JAVA_HOME:+$JAVA_HOME/bin/}javac
JAR=${JAVA_HOME:+$JAVA_HOME/bin/}jar
BENCH=bench/target/righttime-bench.jar
INGEST=functions/webhook-ingest/target/righttime-webhook-ingest-lambda.jar
DECIDE=functions/decide/target/righttime-decide-lambda.jar
for f in "$BENCH" "$INGEST" "$DECIDE"; do
  [[ -f $f ]] || { echo "missing $f: run mvn -B -DskipTests package" >&2; exit 1; }
done

# The floor: a hello-world handler, compiled into its own jar now.
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/hello"
cat > "$work/src/hello/HelloHandler.java" <<'JAVA'
package hello;
public class HelloHandler {
    public String handleRequest(java.util.Map<String, Object> event, Object context) {
        return "hello " + event.size();
    }
}
JAVA
"$JAVAC" --release 21 -d "$work/classes" "$work/src/hello/HelloHandler.java"
"$JAR" cf bench/target/hello.jar -C "$work/classes" .
echo '{"hello":"world"}' > "$work/hello.json"

# The stub endpoint (a refused port would make the SDK retry with back-off for seconds).
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 - "$PORT" <<'PY' &
import http.server, sys
class Stub(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = b'{"__type":"com.amazon.coral.validate#ValidationException","message":"coldstart stub"}'
        self.send_response(400)
        self.send_header("Content-Type", "application/x-amz-json-1.0")
        self.send_header("x-amzn-ErrorType", "ValidationException")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    do_GET = do_POST
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Stub).serve_forever()
PY
STUB=$!
trap 'kill "$STUB" 2>/dev/null; rm -rf "$work"' EXIT
sleep 0.5

export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=coldstart AWS_SECRET_ACCESS_KEY=coldstart
export AWS_ENDPOINT_URL=http://127.0.0.1:$PORT
export DELIVERIES_TABLE=deliveries SIGNALS_QUEUE_URL=http://127.0.0.1:$PORT/000000000000/signals
export RIGHTTIME_SECRET_SHOPIFY=local-test-shopify
export PROFILES_TABLE=profiles IDENTITIES_TABLE=identities SIGNALS_TABLE=signals RESPONSES_TABLE=responses
export EMAIL_QUEUE_URL=http://127.0.0.1:$PORT/q/email SMS_QUEUE_URL=http://127.0.0.1:$PORT/q/sms WEBHOOK_QUEUE_URL=http://127.0.0.1:$PORT/q/webhook
export EMAIL_QUEUE_ARN=arn:aws:sqs:us-east-1:000000000000:email SMS_QUEUE_ARN=arn:aws:sqs:us-east-1:000000000000:sms
export WEBHOOK_QUEUE_ARN=arn:aws:sqs:us-east-1:000000000000:webhook SCHEDULE_GROUP=righttime
export SCHEDULER_ROLE_ARN=arn:aws:iam::000000000000:role/scheduler SCHEDULER_DLQ_ARN=arn:aws:sqs:us-east-1:000000000000:dlq
export EVENT_BUS_NAME=righttime

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
field() { sed -E "s/.*\"$1\":([0-9.]+).*/\1/"; }

declare -A JVM FIRST
run() { # name jar handler event [--prime]
  local name=$1 jar=$2 handler=$3 event=$4 flag=${5:-}
  local jvm=() first=()
  for ((i = 0; i < N; i++)); do
    line=$("$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$jar:$BENCH" dev.righttime.bench.ColdStart "$handler" "$event" $flag 2>/dev/null \
      | grep '^COLDSTART ' | sed 's/^COLDSTART //')
    [[ -n $line ]] || { echo "$name produced no result" >&2; exit 1; }
    jvm+=("$(echo "$line" | field jvmToResponseMs)"); first+=("$(echo "$line" | field firstRequestMs)")
  done
  JVM[$name]=$(printf '%s\n' "${jvm[@]}" | median)
  FIRST[$name]=$(printf '%s\n' "${first[@]}" | median)
  echo "$name: JVM start -> first response ${JVM[$name]} ms (median of $N), first request alone ${FIRST[$name]} ms" >&2
}

run hello bench/target/hello.jar hello.HelloHandler "$work/hello.json"
run webhook-ingest "$INGEST" dev.righttime.ingest.WebhookIngestHandler events/webhook-ingest/shopify-checkouts-create.json
run webhook-ingest-primed "$INGEST" dev.righttime.ingest.WebhookIngestHandler events/webhook-ingest/shopify-checkouts-create.json --prime
run decide "$DECIDE" dev.righttime.decide.DecideHandler events/decide/ticket-opened.json
run decide-primed "$DECIDE" dev.righttime.decide.DecideHandler events/decide/ticket-opened.json --prime

size() { stat -c %s "$1"; }
json_map() { # the named associative array's runs as a JSON object
  local -n m=$1; local sep="" k
  printf '{'
  for k in hello webhook-ingest webhook-ingest-primed decide decide-primed; do
    printf '%s"%s": %s' "$sep" "$k" "${m[$k]}"; sep=", "
  done
  printf '}'
}
out=${OUT:-bench/results/coldstart.json}
{
  echo "{"
  echo "  \"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\", \"runs\": $N, \"java\": \"$("$JAVA" -version 2>&1 | head -1 | sed 's/"//g')\","
  echo "  \"jvmFlags\": \"-XX:+UseSerialGC -XX:TieredStopAtLevel=1 (as Lambda's Java runtime sets)\","
  echo "  \"jarBytes\": {\"hello\": $(size bench/target/hello.jar), \"webhook-ingest\": $(size "$INGEST"), \"decide\": $(size "$DECIDE")},"
  echo "  \"medianJvmToResponseMs\": $(json_map JVM),"
  echo "  \"medianFirstRequestMs\": $(json_map FIRST),"
  echo "  \"ratioToHello\": {\"webhook-ingest\": $(awk "BEGIN{printf \"%.1f\", ${JVM[webhook-ingest]}/${JVM[hello]}}"),"\
       "\"decide\": $(awk "BEGIN{printf \"%.1f\", ${JVM[decide]}/${JVM[hello]}}")}"
  echo "}"
} > "$out"
cat "$out"
