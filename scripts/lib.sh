# Shared by scripts/run and scripts/test: find or install what the build and the embedded stack need.
# Sourced, not executed.

SIGNET_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

die() { echo "signet: $*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

apt_install() { # package...
  if is_root && command -v apt-get >/dev/null 2>&1; then
    echo "signet: installing $* with apt-get" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >/dev/null 2>&1 \
      || die "apt-get install $* failed; run it yourself: sudo apt-get install -y $*"
  else
    die "missing $*; install it with: sudo apt-get install -y $*"
  fi
}

java_major() { # java executable -> major version
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}

# A JDK of version 21 or newer: JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm, else `java`.
find_jdk() {
  local candidate best="" best_major=0 major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate/bin/java")
    [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ] && { best="$candidate"; best_major=$major; }
  done
  if [ -z "$best" ]; then
    apt_install openjdk-21-jdk-headless 2>/dev/null || die "no JDK 21+ found; install one (e.g. Temurin 21 or 25) and set JAVA_HOME"
    best=$(ls -d /usr/lib/jvm/java-21-openjdk-* | head -n 1)
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
  # Maven's bundled Guava touches sun.misc.Unsafe; newer JDKs warn about it on every build.
  # JVM flags for our own processes: the PKCS#11 wrapper loads native code; the benchmarks' Kafka/Netty use Unsafe.
  JAVA_FLAGS=(--enable-native-access=ALL-UNNAMED)
  if [ "$best_major" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
    JAVA_FLAGS+=(--sun-misc-unsafe-memory-access=allow)
  fi
}

ensure_maven() {
  command -v mvn >/dev/null 2>&1 || apt_install maven
}

softhsm_module() {
  local path
  for path in "${SIGNET_HSM_MODULE:-}" /usr/lib/softhsm/libsofthsm2.so /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so \
              /usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so /usr/local/lib/softhsm/libsofthsm2.so; do
    [ -n "$path" ] && [ -f "$path" ] && { echo "$path"; return 0; }
  done
  return 1
}

ensure_softhsm() {
  softhsm_module >/dev/null || apt_install softhsm2
  softhsm_module >/dev/null || die "SoftHSM2 is installed but libsofthsm2.so was not found; set SIGNET_HSM_MODULE"
}

ensure_tools() { # command:package...
  local pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || apt_install "${pair#*:}"
  done
}

prepare() {
  find_jdk
  ensure_maven
  ensure_softhsm
  # fontconfig (and the fonts it pulls in): signet bench draws its PNG chart with the JDK's headless AWT.
  ensure_tools openssl:openssl pdfsig:poppler-utils fc-list:fontconfig
  cd "$SIGNET_ROOT"
}
