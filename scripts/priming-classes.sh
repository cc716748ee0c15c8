#!/usr/bin/env bash
# Regenerates each function's SnapStart class list (functions/<name>/src/main/resources/dev/righttime/
# <package>/classesloaded.txt): builds the Lambda jars, runs each one alone on its sample events
# (deploy-test's LambdaJarsTest with -Drighttime.writeClassLists=true, class loading logged) and
# writes the classes the events loaded after the handler's constructor, then rebuilds the jars so
# they carry the new lists. LambdaJarsTest (in CI) fails when a list has gone stale.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
mvn -B -q -pl deploy-test -am test -Dtest=LambdaJarsTest -Dsurefire.failIfNoSpecifiedTests=false -Drighttime.writeClassLists=true
mvn -B -q -DskipTests package
git status --short -- 'functions/*/src/main/resources/**/classesloaded.txt'
