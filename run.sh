#!/usr/bin/env bash
# Starts the whole suite on this machine: embedded PostgreSQL and Kafka, the four services, demo
# data and tokens. Needs only a JDK 17+.  ./run.sh [--reset]     ./run.sh token <user> [<role>[,<role>]] [--grids=...]
set -euo pipefail
cd "$(dirname "$0")"
if [ "${1:-}" = "token" ]; then
  shift
  exec ./mvnw -B -q -pl test-kit exec:java -Dexec.mainClass=org.gridgov.testkit.suite.TokenTool \
    -Dexec.args="$*" -Dgridgov.root="$PWD"
fi
echo "building (tests skipped) ..."
./mvnw -B -q -DskipTests package
exec ./mvnw -B -q -pl test-kit exec:java -Dexec.args="$*" -Dgridgov.root="$PWD"
