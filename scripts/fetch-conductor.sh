#!/usr/bin/env bash
# Fetches the Conductor OSS server boot jar from Maven Central into a cache
# outside the repository (the jar is ~440 MB and must never be committed), and
# checks that a Java >= 21 is present to run it (3.22+ needs Java 21).
#
#   scripts/fetch-conductor.sh            # prints the jar path on stdout
#   CONDUCTOR_VERSION=3.32.3 POLYPHONY_CACHE=/somewhere scripts/fetch-conductor.sh
#
# Exit codes: 0 jar present (and Java found), 1 download failed, 3 no Java >= 21.
set -euo pipefail

# Newest release on Maven Central when this was written (3.21.14, then 3.32.x).
VERSION="${CONDUCTOR_VERSION:-3.32.3}"
DIR="${POLYPHONY_CACHE:-$HOME/.cache/polyphony}/conductor"
JAR="$DIR/conductor-server-$VERSION-boot.jar"

mkdir -p "$DIR"
if [ -s "$JAR" ]; then
  echo "conductor: $JAR already present" >&2
else
  command -v mvn >/dev/null || { echo "conductor: mvn not found; install Maven to fetch the server jar" >&2; exit 1; }
  echo "conductor: downloading org.conductoross:conductor-server:$VERSION:jar:boot (~440 MB) into $DIR" >&2
  # Maven 3.8 pins an old dependency plugin without `copy -Dartifact`; name 3.6.1 explicitly.
  if ! mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy \
      "-Dartifact=org.conductoross:conductor-server:$VERSION:jar:boot" \
      "-DoutputDirectory=$DIR" >&2; then
    echo "conductor: download of conductor-server $VERSION failed" >&2
    exit 1
  fi
  [ -s "$JAR" ] || { echo "conductor: download finished but $JAR is missing" >&2; exit 1; }
fi

# Java: the first of $CONDUCTOR_JAVA, $JAVA_HOME, `java` on PATH, /usr/lib/jvm/* whose major version is >= 21.
java_major() {
  "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1
}
found=""
for candidate in ${CONDUCTOR_JAVA:-} ${JAVA_HOME:+$JAVA_HOME/bin/java} "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
  [ -n "$candidate" ] && [ -x "$candidate" ] || continue
  major="$(java_major "$candidate")"
  if [ -n "$major" ] && [ "$major" -ge 21 ]; then found="$candidate"; break; fi
done
if [ -z "$found" ]; then
  echo "conductor: no Java >= 21 found (checked \$CONDUCTOR_JAVA, \$JAVA_HOME, PATH, /usr/lib/jvm); conductor-server $VERSION needs Java 21+." >&2
  echo "conductor: install a JDK 21+ (e.g. Temurin) and set CONDUCTOR_JAVA=/path/to/bin/java" >&2
  exit 3
fi
echo "conductor: java $found (major $(java_major "$found"))" >&2
echo "$JAR"
