# Finds a JDK 25 or newer and exports JAVA_HOME to it. Sourced (POSIX sh) by ./mvnw and ./foresight,
# so the build and the launcher always agree on the JDK, even where the default `java` is older.
#
# Order: $FORESIGHT_JAVA_HOME, $JAVA_HOME, the `java` on PATH, then the standard JVM folders.
# Among the folders, the lowest version >= 25 wins (25 is the LTS release Foresight targets).
# When none is found, prints one line saying how to install one and exits 2.

foresight_jdk_feature() {
  # Prints the feature release (e.g. 25) of the JDK at $1, or nothing when $1 is not a JDK.
  [ -x "$1/bin/java" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
  fi
}

foresight_jdk_ok() {
  # True when $1 is a JDK (java and javac) of feature release 25 or later.
  [ -n "$1" ] && [ -x "$1/bin/javac" ] || return 1
  foresight_jdk_v=$(foresight_jdk_feature "$1")
  [ -n "$foresight_jdk_v" ] && [ "$foresight_jdk_v" -ge 25 ]
}

foresight_find_jdk() {
  for foresight_jdk_c in "${FORESIGHT_JAVA_HOME-}" "${JAVA_HOME-}"; do
    if foresight_jdk_ok "$foresight_jdk_c"; then printf '%s\n' "$foresight_jdk_c"; return 0; fi
  done
  foresight_jdk_java=$(command -v java 2>/dev/null || true)
  if [ -n "$foresight_jdk_java" ]; then
    foresight_jdk_c=$(dirname "$(dirname "$(readlink -f "$foresight_jdk_java" 2>/dev/null || printf '%s' "$foresight_jdk_java")")")
    if foresight_jdk_ok "$foresight_jdk_c"; then printf '%s\n' "$foresight_jdk_c"; return 0; fi
  fi
  foresight_jdk_best=""
  foresight_jdk_best_v=""
  # mvnw runs under `set -f`; the folder scan needs globbing.
  case $- in *f*) foresight_jdk_noglob=1; set +f ;; *) foresight_jdk_noglob=0 ;; esac
  # FORESIGHT_JVM_DIRS (space-separated patterns) replaces the standard folders, e.g. in tests.
  for foresight_jdk_c in ${FORESIGHT_JVM_DIRS:-/usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
      ${HOME:-/nonexistent}/.sdkman/candidates/java/* ${HOME:-/nonexistent}/.jdks/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home}; do
    [ -d "$foresight_jdk_c" ] || continue
    foresight_jdk_ok "$foresight_jdk_c" || continue
    if [ -z "$foresight_jdk_best_v" ] || [ "$foresight_jdk_v" -lt "$foresight_jdk_best_v" ]; then
      foresight_jdk_best=$foresight_jdk_c
      foresight_jdk_best_v=$foresight_jdk_v
    fi
  done
  [ "$foresight_jdk_noglob" = 1 ] && set -f
  [ -n "$foresight_jdk_best" ] && printf '%s\n' "$foresight_jdk_best"
}

if foresight_jdk_home=$(foresight_find_jdk) && [ -n "$foresight_jdk_home" ]; then
  JAVA_HOME=$foresight_jdk_home
  export JAVA_HOME
else
  echo "foresight: no JDK 25 found (looked at FORESIGHT_JAVA_HOME, JAVA_HOME, PATH and /usr/lib/jvm); install one with 'sudo apt install openjdk-25-jdk' (Debian 13, Ubuntu 24.04+) or Temurin 25 from https://adoptium.net/installation/linux (Raspberry Pi OS: 'sudo apt install temurin-25-jdk' after adding the Adoptium repository), then run the command again." >&2
  exit 2
fi
