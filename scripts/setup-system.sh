#!/usr/bin/env bash
# Installs the system packages the tests need, when any is missing: Debian's Chromium (the
# browser the e2e tests drive), ffmpeg (fake camera files), CUPS with the cups-pdf printer,
# poppler (PDF to image and text), the Noto CJK fonts and Xvfb. As root it installs them;
# otherwise it prints the exact command and fails.
set -euo pipefail

PACKAGES=(chromium ffmpeg cups printer-driver-cups-pdf poppler-utils fonts-noto-cjk xvfb)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "System packages: all present (${PACKAGES[*]})."
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing system packages: ${missing[*]}. This script knows only apt (Debian/Ubuntu): install their equivalents." >&2
  exit 1
fi

cmd=(apt-get install -y "${missing[@]}")
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]}. Install them with:" >&2
  echo "  sudo apt-get update && sudo ${cmd[*]}" >&2
  exit 1
fi

echo "Installing missing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
"${cmd[@]}" >/dev/null
echo "System packages installed."
