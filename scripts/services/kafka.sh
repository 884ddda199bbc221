#!/usr/bin/env bash
# Apache Kafka 4 in KRaft combined mode (one broker + controller) on 127.0.0.1:19092
# (controller 127.0.0.1:19093), from its jars on Maven Central (kafka/pom.xml), run by the
# machine's Java; creates the project's topics.
# Usage: kafka.sh install|start|stop|status
source "$(dirname "${BASH_SOURCE[0]}")/lifecycle.sh"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

NAME=kafka
PORT="${ROADLEDGER_KAFKA_PORT:-19092}"
CONTROLLER_PORT="${ROADLEDGER_KAFKA_CONTROLLER_PORT:-19093}"
PARTITIONS="${KAFKA_PARTITIONS:-6}"
TOPICS=(traffic.observations.v1 traffic.infractions.v1 traffic.device-status.v1 traffic.dead-letter.v1)
VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$HERE/kafka/pom.xml")"
DIR="$SERVICES_DIR/kafka"
LIBS="$DIR/libs"
CONF="$DIR/config"
LOG="$DIR/logs/server.log"
PIDFILE="$DIR/kafka.pid"
mkdir -p "$DIR/logs" "$CONF"

# The command-line tools start a JVM each: a fast-starting, quiet one.
tool() {
  java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlog4j2.configurationFile="$CONF/tools-log4j2.properties" \
    -cp "$LIBS/*:$DIR/classes" "$@"
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }
# A real metadata request (cluster id and topic listing) that also creates missing topics.
ensure_topics() { tool EnsureTopics "127.0.0.1:$PORT" "$PARTITIONS" "$@"; }
answers() { port_open && ensure_topics >/dev/null 2>&1; }

java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1; }

install() {
  # A JDK, not only a JRE: EnsureTopics.java is compiled here.
  if ! command -v javac >/dev/null || (($(java_major) < 17)); then apt_install openjdk-17-jdk-headless; fi
  if [[ ! -f "$LIBS/kafka_2.13-$VERSION.jar" ]]; then fetch_jars; fi
  if [[ ! -f "$DIR/classes/EnsureTopics.class" || "$HERE/kafka/EnsureTopics.java" -nt "$DIR/classes/EnsureTopics.class" ]]; then
    mkdir -p "$DIR/classes"
    javac -nowarn -d "$DIR/classes" -cp "$LIBS/*" "$HERE/kafka/EnsureTopics.java" >"$DIR/logs/javac.log" 2>&1 \
      || fail "$NAME" "$DIR/logs/javac.log" "compiling EnsureTopics.java failed"
  fi
}

fetch_jars() {
  command -v mvn >/dev/null || apt_install maven
  say "fetching Apache Kafka $VERSION jars with Maven into $LIBS"
  rm -rf "$LIBS.partial"
  mvn -q -B -Dstyle.color=never -f "$HERE/kafka/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$LIBS.partial" >"$DIR/logs/maven.log" 2>&1 \
    || fail "$NAME" "$DIR/logs/maven.log" "mvn dependency:copy-dependencies failed"
  rm -rf "$LIBS"; mv "$LIBS.partial" "$LIBS"
}

write_config() {
  cat >"$CONF/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DIR/data
num.partitions=$PARTITIONS
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Tests join consumer groups often: no reason to wait for more members.
group.initial.rebalance.delay.ms=0
PROPS
  cat >"$CONF/log4j2.properties" <<PROPS
status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = $LOG
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
logger.state.name = state.change.logger
logger.state.level = WARN
PROPS
  cat >"$CONF/tools-log4j2.properties" <<PROPS
status = error
appender.err.type = Console
appender.err.name = err
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = %p %m%n
rootLogger.level = WARN
rootLogger.appenderRef.err.ref = err
PROPS
}

# A Kafka cluster id: 16 random bytes in URL-safe base64 without padding, as
# `kafka-storage random-uuid` makes, without starting a JVM for it.
new_cluster_id() {
  local id
  until [[ "${id:-}" =~ ^[A-Za-z0-9_][A-Za-z0-9_-]{21}$ ]]; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
  done
  echo "$id"
}

format_storage() {
  [[ -s "$DIR/data/meta.properties" ]] && return 0
  local cluster_id; cluster_id="$(new_cluster_id)"
  tool kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$CONF/server.properties" >>"$LOG" 2>&1 \
    || fail "$NAME" "$LOG" "StorageTool format failed"
}

start() {
  if port_open && ensure_topics "${TOPICS[@]}" >>"$LOG" 2>&1; then
    say "$NAME already answering on 127.0.0.1:$PORT"; return 0
  fi
  [[ -f "$LIBS/kafka_2.13-$VERSION.jar" ]] || fail "$NAME" "$LOG" "Kafka jars missing: run kafka.sh install"
  write_config
  format_storage
  # setsid + closed stdio: the broker must outlive the caller and hold none of its pipes.
  setsid nohup java -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$CONF/log4j2.properties" -Dkafka.logs.dir="$DIR/logs" \
    -cp "$LIBS/*" kafka.Kafka "$CONF/server.properties" </dev/null >>"$DIR/logs/stdout.log" 2>&1 &
  echo $! >"$PIDFILE"
  local deadline=$((SECONDS + 90))
  until port_open; do
    pid_alive "$PIDFILE" || fail "$NAME" "$LOG" "the broker exited during start-up (see also $DIR/logs/stdout.log)"
    ((SECONDS < deadline)) || fail "$NAME" "$LOG" "port $PORT did not open within 90s"
    sleep 0.3
  done
  # Ready once a metadata request answers; the same request creates the project's topics.
  wait_until "$NAME" "$LOG" 60 ensure_topics "${TOPICS[@]}"
}

stop() {
  stop_pid "$NAME" "$PIDFILE"
}

status() { answers; }

"${1:?usage: kafka.sh install|start|stop|status}"
