#!/usr/bin/env bash
# Starts a single-node Apache Kafka broker (KRaft, broker+controller) on 127.0.0.1:9092 for
# development and CI. Jars come from Maven Central through pom.xml and are cached outside the repo;
# config, logs and data live under a temporary folder. Idempotent: a broker this script started
# and that still answers is left alone. Waits until the broker accepts connections, or fails loudly.
#
#   start.sh            start (reusing the data of a previous start: a restart keeps the topics)
#   start.sh --fresh    wipe the data folder first
#
# Environment: PRODSIM_CACHE (jar cache, default ~/.cache/prodsim), PRODSIM_KAFKA_DIR (temp folder,
# default ${TMPDIR:-/tmp}/prodsim-kafka), PRODSIM_KAFKA_PORT (default 9092),
# PRODSIM_KAFKA_START_TIMEOUT (seconds, default 90), KAFKA_HEAP_OPTS (default -Xms256m -Xmx768m).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")"
cache="${PRODSIM_CACHE:-$HOME/.cache/prodsim}/kafka"
libs="$cache/libs-$version"
dir="${PRODSIM_KAFKA_DIR:-${TMPDIR:-/tmp}/prodsim-kafka}"
port="${PRODSIM_KAFKA_PORT:-9092}"
controller_port=$((port + 1))
timeout="${PRODSIM_KAFKA_START_TIMEOUT:-90}"
pidfile="$dir/kafka.pid"
log="$dir/logs/server.log"

name="kafka dev-broker"
match="kafka.Kafka"
source "$here/../../dev-service-lib.sh"

if [[ "${1:-}" == "--fresh" ]]; then
  "$here/stop.sh" >/dev/null 2>&1 || true
  rm -rf "$dir/data"
fi

if [[ -f "$pidfile" ]] && ours "$(cat "$pidfile")"; then
  if accepts "$port"; then
    say "already running (pid $(cat "$pidfile")) on 127.0.0.1:$port"
    exit 0
  fi
  die "pid $(cat "$pidfile") is alive but 127.0.0.1:$port does not answer; run stop.sh first (log: $log)"
fi
if accepts "$port"; then
  die "127.0.0.1:$port is already taken by a process this script did not start; stop it or set PRODSIM_KAFKA_PORT"
fi

command -v java >/dev/null || die "java not found (Kafka $version needs Java 17+)"
# The tools jar came later: a cache from before it is fetched again.
if [[ ! -f "$libs/kafka_2.13-$version.jar" || ! -f "$libs/kafka-tools-$version.jar" ]]; then
  command -v mvn >/dev/null || die "mvn not found: needed once to fetch the Kafka jars from Maven Central"
  say "fetching Kafka $version jars into $libs"
  mkdir -p "$libs"
  mvn -q -B -Dstyle.color=never -f "$here/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$libs.partial" >&2 \
    || die "mvn could not fetch the Kafka jars (see above)"
  rm -rf "$libs" && mv "$libs.partial" "$libs"
fi

mkdir -p "$dir/logs" "$dir/data"
cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
num.partitions=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# Records carry simulated times (prodsim's record timestamps), months before or after this clock:
# no time-based deletion, and no refusal of timestamps far from now (Kafka 4 refuses > 1 h ahead).
log.retention.ms=-1
log.retention.bytes=1073741824
log.message.timestamp.before.max.ms=9223372036854775807
log.message.timestamp.after.max.ms=9223372036854775807
log.segment.bytes=134217728
PROPS
cat > "$dir/log4j2.properties" <<PROPS
status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = $log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.file.ref = file
logger.kafka.name = kafka
logger.kafka.level = info
logger.state.name = state.change.logger
logger.state.level = warn
PROPS

cp=("-cp" "$libs/*")
if [[ ! -f "$dir/data/meta.properties" ]]; then
  cluster_id="$(java "${cp[@]}" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
  java "${cp[@]}" -Dlog4j2.configurationFile="$dir/log4j2.properties" kafka.tools.StorageTool format \
    -t "$cluster_id" -c "$dir/server.properties" --ignore-formatted >"$dir/logs/format.log" 2>&1 \
    || { cat "$dir/logs/format.log" >&2; die "formatting the storage failed"; }
fi

: > "$log"
# setsid: the broker gets its own session, so a test runner's process group signal does not reach it.
setsid java ${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m} -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
  -Dlog4j2.configurationFile="$dir/log4j2.properties" "${cp[@]}" kafka.Kafka "$dir/server.properties" \
  >"$dir/logs/stdout.log" 2>&1 < /dev/null &
pid=$!
echo "$pid" > "$pidfile"

wait_ready "$pid" "$port" "$log" 'Kafka Server started' "$timeout" "$dir/logs/stdout.log" 0.5 "the broker"
say "Kafka $version running (pid $pid) on 127.0.0.1:$port; data and logs in $dir"
