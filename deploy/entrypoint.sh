#!/bin/sh
# Starts the service named by the first argument, or initialises the SoftHSM2 tokens (hsm-init).
set -eu
service="${1:?usage: entrypoint.sh api-gateway|sign-worker|cert-worker|notifier|audit|hsm-init}"
shift
case "$service" in
  hsm-init) exec java --enable-native-access=ALL-UNNAMED -cp /opt/signet/launcher.jar -Dloader.main=io.signet.launcher.HsmInit \
              org.springframework.boot.loader.launch.PropertiesLauncher --data-dir /var/lib/signet "$@" ;;
  api-gateway|sign-worker|cert-worker|notifier|audit) exec java --enable-native-access=ALL-UNNAMED -XX:MaxRAMPercentage=75 -jar "/opt/signet/$service.jar" "$@" ;;
  *) echo "unknown service: $service" >&2; exit 64 ;;
esac
