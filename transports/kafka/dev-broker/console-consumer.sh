#!/usr/bin/env bash
# Kafka's own console consumer (kafka-console-consumer) with the dev broker's jars, as the course's
# instructions use it:
#
#   console-consumer.sh --topic movielog1 --from-beginning
#   console-consumer.sh --topic movielog1 --from-beginning --max-messages 10 --property print.timestamp=true
#
# Every argument goes to Kafka's tool; --bootstrap-server defaults to the dev broker
# (127.0.0.1:${PRODSIM_KAFKA_PORT:-9092}) and --isolation-level to read_committed (the tool's own
# default reads uncommitted events too: a checkpointed run's aborted ones among them).
# start.sh fetches the jars (Kafka's tools among them).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")"
libs="${PRODSIM_CACHE:-$HOME/.cache/prodsim}/kafka/libs-$version"
port="${PRODSIM_KAFKA_PORT:-9092}"

if [[ ! -f "$libs/kafka-tools-$version.jar" ]]; then
  echo "console-consumer.sh: Kafka $version's tools are not fetched yet; run $here/start.sh once" >&2
  exit 1
fi
command -v java >/dev/null || { echo "console-consumer.sh: java not found (Kafka $version needs Java 17+)" >&2; exit 1; }

args=("$@")
if [[ " $* " != *" --bootstrap-server "* ]]; then args=(--bootstrap-server "127.0.0.1:$port" "${args[@]}"); fi
if [[ " $* " != *" --isolation-level "* ]]; then args=(--isolation-level read_committed "${args[@]}"); fi

# The tool's own log lines (connections, rebalances) go nowhere unless they are warnings.
# log4j2 picks its config format by the file extension: .properties, not the XML it assumes otherwise.
log_config="$(mktemp "${TMPDIR:-/tmp}/console-consumer.XXXXXX.properties")"
trap 'rm -f "$log_config"' EXIT
printf 'status = error\nappender.err.type = Console\nappender.err.name = err\nappender.err.target = SYSTEM_ERR\nappender.err.layout.type = PatternLayout\nappender.err.layout.pattern = %%p %%m%%n\nrootLogger.level = warn\nrootLogger.appenderRef.err.ref = err\n' >"$log_config"
java -Xms64m -Xmx256m -Dlog4j2.configurationFile="$log_config" -cp "$libs/*" org.apache.kafka.tools.consumer.ConsoleConsumer "${args[@]}"
