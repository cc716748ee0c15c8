# Sourced by ./righttime and .ci/run: selects a JDK >= 21 (Lambda runs java21) into JAVA_HOME and PATH.
# Keeps JAVA_HOME when it already is one; else tries the default java, then /usr/lib/jvm/*.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}
righttime_select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME/bin/java" || echo 0)" -ge 21 ]; then
    :
  elif command -v javac >/dev/null 2>&1 && [ "$(java_major java || echo 0)" -ge 21 ]; then
    JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
  else
    JAVA_HOME=""
    for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/*; do
      if [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate/bin/java" || echo 0)" -ge 21 ]; then
        JAVA_HOME="$candidate"
        break
      fi
    done
    if [ -z "$JAVA_HOME" ]; then
      echo "Right Time needs a JDK 21 or newer: install one, or set JAVA_HOME to it." >&2
      return 1
    fi
  fi
  export JAVA_HOME
  export PATH="$JAVA_HOME/bin:$PATH"
}
