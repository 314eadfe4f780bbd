#!/usr/bin/env bash
# Builds (when needed) and starts Sprechzimmer on its embedded default: every service in one JVM, in-memory
# stores, no Redis, no setup. Settings: ./start.sh --help
set -euo pipefail
cd "$(dirname "$0")"
jar=app/target/sprechzimmer.jar
if [ ! -f "$jar" ] || [ -n "$(find . -path ./node_modules -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/*' \) -newer "$jar" -print -quit)" ]; then
  echo "Building Sprechzimmer (first time: Maven downloads its dependencies, a few minutes)..." >&2
  mvn -B -q -ntp -DskipTests package >&2
fi
exec java ${JAVA_OPTS:-} -jar "$jar" "$@"
