#!/usr/bin/env bash
# Are the Debian/Ubuntu packages the test suite needs installed? As root, install the missing
# ones; otherwise name them. On systems without dpkg there is nothing to check.
set -euo pipefail
list="$(dirname "$0")/debian-packages.txt"
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "check_system_deps: not a Debian/Ubuntu system; make sure Qt's system libraries are present."
  exit 0
fi
missing=()
while read -r pkg; do
  [[ -z "$pkg" || "$pkg" == \#* ]] && continue
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done < "$list"
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing missing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
  exit 0
fi
echo "Missing system packages for the tests: ${missing[*]}" >&2
echo "Install them with: sudo apt-get install ${missing[*]}" >&2
exit 1
