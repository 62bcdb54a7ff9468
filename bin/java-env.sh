# Sourced by every script: finds a JDK 21+ and exports JAVA_HOME and PATH, or stops with a clear message.
# Order: $JAVA_HOME if it is 21+, then the JDKs under /usr/lib/jvm and /opt/java, newest first.

sovaudit_java_major() {
    # prints the feature version of the JDK at $1, or nothing
    local release="$1/release"
    [ -x "$1/bin/java" ] || return 0
    if [ -f "$release" ]; then
        sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -n 1
    else
        "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
    fi
}

sovaudit_find_jdk() {
    local candidate major
    if [ -n "${JAVA_HOME:-}" ]; then
        major=$(sovaudit_java_major "$JAVA_HOME")
        if [ -n "$major" ] && [ "$major" -ge 21 ] && [ -x "$JAVA_HOME/bin/javac" ]; then
            echo "$JAVA_HOME"; return 0
        fi
    fi
    for candidate in /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/*25* /usr/lib/jvm/* /opt/java/openjdk /opt/java/*; do
        [ -d "$candidate" ] || continue
        major=$(sovaudit_java_major "$candidate")
        if [ -n "$major" ] && [ "$major" -ge 21 ] && [ -x "$candidate/bin/javac" ]; then
            echo "$candidate"; return 0
        fi
    done
    return 1
}

if ! SOVAUDIT_JDK=$(sovaudit_find_jdk); then
    echo "sovaudit: no JDK 21 or newer found (JAVA_HOME='${JAVA_HOME:-}', /usr/lib/jvm searched)." >&2
    echo "sovaudit: install one (e.g. Temurin 25) and set JAVA_HOME to it." >&2
    exit 2
fi
export JAVA_HOME="$SOVAUDIT_JDK"
export PATH="$JAVA_HOME/bin:$PATH"

# Maven itself, run on a JDK 24+, warns about sun.misc.Unsafe on every start; that noise is not ours.
if [ "$(sovaudit_java_major "$JAVA_HOME")" -ge 24 ]; then
    case " ${MAVEN_OPTS:-} " in
        *sun-misc-unsafe-memory-access*) ;;
        *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
    esac
fi
