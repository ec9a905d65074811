#!/usr/bin/env bash
# The SMTP and POP3 benchmark of fakemail: builds the benchmarks module and runs dev.fakemail.bench.Benchmarks
# (the IMAP benchmark is dev.fakemail.bench.ImapBench in the same module: bench/run.sh --imap [its options];
# SORT and THREAD: dev.fakemail.bench.ImapSortBench, bench/run.sh --imap-sort [--messages N] [--runs N];
# SMTP ingest with SPF/DKIM/DMARC checks is dev.fakemail.bench.AuthenticationBench: bench/run.sh --auth [--quick];
# the soak test is dev.fakemail.bench.soak.Soak: bench/run.sh --soak [--minutes N] [--clients N] [--seed N];
# the standalone jar as a process beside GreenMail standalone and the sink, heap via jcmd and SMTP ingest:
# dev.fakemail.bench.StandaloneBench, bench/run.sh --standalone [--quick] [--sections heap,load] [--help]).
#
#   bench/run.sh                 full run, a few minutes: every mode x 2 KB/100 KB x 1/8/64 connections,
#                                heap per stored message, in-process start+stop
#   bench/run.sh --quick         the same in under a minute (0.5 s warm-up + 1 s measured per row)
#   bench/run.sh --help          all options (subsets, durations, --port N for an external server)
#
# The Markdown report goes to stdout, progress to stderr:  bench/run.sh | tee bench-results.md
# JDK: $JAVA_HOME/bin/java if JAVA_HOME is set, else java on the PATH (BENCH_JAVA overrides both), e.g.
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/run.sh
# JVM options: BENCH_JAVA_OPTS (default "-Xms2g -Xmx2g").
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

mvn_quiet() {
    # Offline first (fast, no network); online only if something is missing from the local repository.
    # Maven's output goes to stderr, so stdout carries nothing but the report.
    { mvn -B -q -o -Dstyle.color=never "$@" || { echo "[bench] retrying online: mvn $*"; mvn -B -q -Dstyle.color=never "$@"; }; } >&2
}

work="$(mktemp -d "${TMPDIR:-/tmp}/fakemail-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

standalone=false
[[ "${1:-}" == "--standalone" ]] && standalone=true
modules=benchmarks
$standalone && modules=benchmarks,docker

# Build in the reactor (package, never install: the local repository is shared with other builds), write the
# benchmarks' classpath, then take a private copy of everything built here, so a concurrent "mvn clean" elsewhere
# cannot pull classes or jars from under the running JVM; if one ran between the two steps, build again.
for attempt in 1 2 3; do
    echo "[bench] building fake-server, web-ui and the benchmarks (modules: $modules)" >&2
    rm -f benchmarks/target/bench-classpath.txt
    mvn_quiet -pl "$modules" -am package -DskipTests \
        org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
        -Dmdep.outputFile=target/bench-classpath.txt
    rm -rf "$work/classes" "$work/jars"
    mkdir -p "$work/jars"
    cp -r benchmarks/target/classes "$work/classes" 2>/dev/null || true
    classpath="$work/classes"
    IFS=: read -r -a entries < benchmarks/target/bench-classpath.txt || true
    for entry in "${entries[@]}"; do
        if [[ "$entry" == "$root"/* && -f "$entry" ]]; then # a module of this build: copy it
            cp "$entry" "$work/jars/" && entry="$work/jars/$(basename "$entry")"
        fi
        classpath="$classpath:$entry"
    done
    if $standalone; then
        cp docker/target/fakemail.jar "$work/fakemail.jar" 2>/dev/null || true
    fi
    [[ -f "$work/classes/dev/fakemail/bench/Benchmarks.class" ]] && { ! $standalone || [[ -f "$work/fakemail.jar" ]]; } && break
    if [[ $attempt == 3 ]]; then
        echo "[bench] the compiled classes keep disappearing (a concurrent clean?); giving up" >&2
        exit 1
    fi
done

if [[ -n "${BENCH_JAVA:-}" ]]; then
    java="$BENCH_JAVA"
elif [[ -n "${JAVA_HOME:-}" ]]; then
    java="$JAVA_HOME/bin/java"
else
    java=java
fi
main=dev.fakemail.bench.Benchmarks
extra=()
if $standalone; then
    main=dev.fakemail.bench.StandaloneBench
    shift
    extra=(--jar "$work/fakemail.jar")
    greenmail="${HOME}/.m2/repository/com/icegreen/greenmail-standalone/2.1.13/greenmail-standalone-2.1.13.jar"
    [[ -f "$greenmail" ]] && extra+=(--greenmail "$greenmail")
elif [[ "${1:-}" == "--imap" ]]; then
    main=dev.fakemail.bench.ImapBench
    shift
elif [[ "${1:-}" == "--imap-sort" ]]; then
    main=dev.fakemail.bench.ImapSortBench
    shift
elif [[ "${1:-}" == "--auth" ]]; then
    main=dev.fakemail.bench.AuthenticationBench
    shift
elif [[ "${1:-}" == "--soak" ]]; then
    main=dev.fakemail.bench.soak.Soak
    shift
fi
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
"$java" ${BENCH_JAVA_OPTS:--Xms2g -Xmx2g} -cp "$classpath" "$main" ${extra[@]+"${extra[@]}"} "$@"
