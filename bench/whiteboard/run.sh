#!/usr/bin/env bash
# Whiteboard benchmarks (not tests). Prints:
#   1. the at-rest AES-256-GCM layer alone (JMH, ms per 1 MiB / 20 MiB file),
#   2. HTTP upload/download throughput with the at-rest layer vs. a pass-through cipher, in memory and on Redis,
#   3. time from the session's Ended event to the last byte of the session gone, in memory and on Redis.
# Needs a JDK 17, Maven and redis-server (Debian package). Run from anywhere: bench/whiteboard/run.sh [quick]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
JAVA=(java -Xmx6g -Dlogback.configurationFile=bench/whiteboard/logback.xml -cp "$CP")

if [[ "${1:-}" == "quick" ]]; then
  "${JAVA[@]}" de.sprechzimmer.bench.whiteboard.ThroughputBench 1024 16 2 3
  "${JAVA[@]}" de.sprechzimmer.bench.whiteboard.DeletionBench 10 1024 5
  exit 0
fi
"${JAVA[@]}" org.openjdk.jmh.Main -jvmArgsAppend -Dlogback.configurationFile=bench/whiteboard/logback.xml AtRestCipherBenchmark
"${JAVA[@]}" de.sprechzimmer.bench.whiteboard.ThroughputBench 1024 48 4 9
"${JAVA[@]}" de.sprechzimmer.bench.whiteboard.ThroughputBench 10240 12 4 9
"${JAVA[@]}" de.sprechzimmer.bench.whiteboard.DeletionBench 50 2048 20
