# Sourced by mvnw, ./tocsin and .ci/run (POSIX sh): sets JAVA_HOME to a JDK that can build and run
# Tocsin (21 or newer), so a machine whose default java is older needs no setup.
# Order: $JAVA_HOME when it is new enough, else the newest JDK under the usual folders or on PATH.
# Fails with the JDKs it saw when none is new enough.

tocsin_min_java=21

# The feature version (17, 21, 25) of the JDK at $1, or nothing when $1 is no JDK.
tocsin_java_feature() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
  fi
}

tocsin_find_java_home() {
  tocsin_seen=""
  if [ -n "${JAVA_HOME-}" ]; then
    tocsin_v=$(tocsin_java_feature "$JAVA_HOME")
    if [ -n "$tocsin_v" ] && [ "$tocsin_v" -ge "$tocsin_min_java" ]; then
      return 0
    fi
    tocsin_seen="JAVA_HOME=$JAVA_HOME (${tocsin_v:-not a JDK})"
  fi
  tocsin_best=""
  tocsin_best_v=0
  tocsin_on_path=$(command -v javac 2>/dev/null || true)
  if [ -n "$tocsin_on_path" ]; then
    tocsin_on_path=$(dirname "$(dirname "$(readlink -f "$tocsin_on_path")")")
  fi
  # The caller may have turned globbing off (mvnw runs with set -f).
  case $- in *f*) tocsin_noglob=1; set +f ;; *) tocsin_noglob= ;; esac
  for tocsin_home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/* \
      "$HOME"/.jdks/* $tocsin_on_path; do
    [ -d "$tocsin_home" ] || continue
    tocsin_v=$(tocsin_java_feature "$tocsin_home")
    [ -n "$tocsin_v" ] || continue
    tocsin_seen="$tocsin_seen $tocsin_home ($tocsin_v)"
    if [ "$tocsin_v" -gt "$tocsin_best_v" ]; then
      tocsin_best=$tocsin_home
      tocsin_best_v=$tocsin_v
    fi
  done
  [ -z "$tocsin_noglob" ] || set -f
  if [ "$tocsin_best_v" -lt "$tocsin_min_java" ]; then
    echo "Tocsin needs a JDK $tocsin_min_java or newer; found:${tocsin_seen:- none}." >&2
    echo "Install one (Temurin 25 LTS is what CI uses) or point JAVA_HOME at it." >&2
    return 1
  fi
  JAVA_HOME=$tocsin_best
  export JAVA_HOME
}

tocsin_find_java_home || exit 1
