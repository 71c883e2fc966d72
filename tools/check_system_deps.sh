#!/usr/bin/env bash
# Are the Debian/Ubuntu packages the test suite needs installed? As root, install the missing
# ones; otherwise name them. On systems without dpkg there is nothing to check.
set -euo pipefail
list="$(dirname "$0")/debian-packages.txt"
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "check_system_deps: not a Debian/Ubuntu system; make sure Qt's system libraries are present."
  exit 0
fi
# The mail tests start their own Dovecot and Roundcube on free loopback ports: the packages'
# own services must not run (Debian's policy-rc.d keeps them from starting in containers; on a
# machine with systemd they would start, and dovecot.socket would hold 143 and 993).
quiet_mail_services() {
  [ "$(id -u)" -eq 0 ] || return 0
  dpkg-query -W -f='${Status}' dovecot-core 2>/dev/null | grep -q "install ok installed" || return 0
  if [ -d /run/systemd/system ]; then
    systemctl disable --now dovecot.socket dovecot.service >/dev/null 2>&1 || true
  elif service dovecot status >/dev/null 2>&1; then
    service dovecot stop >/dev/null 2>&1 || true
  fi
}
missing=()
while read -r pkg; do
  [[ -z "$pkg" || "$pkg" == \#* ]] && continue
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done < "$list"
if [ ${#missing[@]} -eq 0 ]; then
  quiet_mail_services
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing missing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  echo "roundcube-core roundcube/dbconfig-install boolean false" | debconf-set-selections
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
  quiet_mail_services
  exit 0
fi
echo "Missing system packages for the tests: ${missing[*]}" >&2
if [[ " ${missing[*]} " == *" roundcube-core "* ]]; then
  echo "First run: echo 'roundcube-core roundcube/dbconfig-install boolean false'" \
       "| sudo debconf-set-selections (the tests make their own database)" >&2
fi
echo "Install them with: sudo apt-get install ${missing[*]}" >&2
if [[ " ${missing[*]} " == *" dovecot-imapd "* ]]; then
  echo "Afterwards: sudo systemctl disable --now dovecot.socket dovecot.service" \
       "(the tests start their own Dovecot)" >&2
fi
exit 1
