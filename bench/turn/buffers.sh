#!/usr/bin/env bash
# The relay's buffer allocation per read (JMH, TurnBuffersBenchmark): Netty's default allocator vs the pooled one
# the relay uses, at the recommended 512 MiB heap and at 2 GiB. Run from anywhere: bench/turn/buffers.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
for heap in 512m 2g; do
  echo "== heap -Xmx$heap"
  java -cp "$CP" org.openjdk.jmh.Main -jvmArgsPrepend "-Xms256m -Xmx$heap" TurnBuffersBenchmark
done
