#!/bin/sh
# Installs the built .deb into a booted minimal Debian (systemd-nspawn) and checks what a user sees:
# foresight --version, foresight doctor on /etc/foresight/robot.yaml, the service started (READY after the
# first tick), its journal, stopped with the outputs safe, and the package removed and purged.
#
#   sudo runtime/package/nspawn-test.sh [ROOTFS]
#
# ROOTFS: a Debian made by `debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus,passwd bookworm
# ROOTFS` (made in /var/tmp/foresight-nspawn-root when missing; needs network). The rootfs is copied, so it
# stays clean. Java: this machine's JDK 25 is bind-mounted read-only at the same path and a stand-in
# package named temurin-25-jdk satisfies the .deb's Depends (a Pi gets the real one from Adoptium).
# Needs root, debootstrap and systemd-container. Takes 1-3 minutes after the rootfs exists.
set -eu
here=$(cd "$(dirname "$0")" && pwd -P)
deb=$(ls "$here"/target/foresight_*_all.deb | head -n 1)
rootfs=${1:-/var/tmp/foresight-nspawn-root}
jdk=${FORESIGHT_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
work=$(mktemp -d /var/tmp/foresight-nspawn.XXXXXX)
machine=$work/root
log=$work/nspawn.log

if [ ! -x "$rootfs/lib/systemd/systemd" ]; then
  debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus,passwd bookworm "$rootfs" \
    http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1
fi
cp -a "$rootfs" "$machine"

# The stand-in for the JDK package (the JDK itself is bind-mounted).
mkdir -p "$work/jdkpkg/DEBIAN"
cat >"$work/jdkpkg/DEBIAN/control" <<CONTROL
Package: temurin-25-jdk
Version: 25-local
Architecture: all
Maintainer: Foresight tests <foresight@example.org>
Description: stand-in for the host's Temurin 25, bind-mounted at $jdk
CONTROL
dpkg-deb -b "$work/jdkpkg" "$machine/root/temurin-25-jdk-standin.deb" >/dev/null
cp "$deb" "$machine/root/foresight.deb"

# systemd-nspawn removes its propagation folder with rm -rf, which it allows on tmpfs only: a private mount
# namespace with a tmpfs there keeps this machine's /run untouched. No machined here: --register=no.
unshare -m sh -c "mount --make-rprivate / && mkdir -p /run/systemd/nspawn && mount -t tmpfs tmpfs /run/systemd/nspawn &&
  exec systemd-nspawn --register=no --keep-unit -q -b -D '$machine' --bind-ro='$jdk' --machine=foresight-test" \
  >"$log" 2>&1 &
nspawn=$!
cleanup() {
  kill "$nspawn" 2>/dev/null || true
  wait "$nspawn" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The container's PID 1: the process named systemd that descends from this systemd-nspawn.
descends() {
  p=$1
  while [ "$p" -gt 1 ]; do
    [ "$p" = "$nspawn" ] && return 0
    p=$(awk '/^PPid:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
  done
  return 1
}
leader=""
for _ in $(seq 1 150); do
  for pid in $(pgrep -x systemd || true); do
    if descends "$pid"; then leader=$pid; break; fi
  done
  [ -n "$leader" ] && break
  sleep 0.2
done
[ -n "$leader" ] || { echo "nspawn-test: the container did not boot:"; cat "$log"; exit 1; }
inside() { nsenter -t "$leader" -a -- env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }
for _ in $(seq 1 150); do
  state=$(inside systemctl is-system-running 2>/dev/null || true)
  case $state in running|degraded) break ;; esac
  sleep 0.2
done
echo "container: systemd $(inside systemctl is-system-running || true)"

step() { echo; echo "\$ $*"; inside sh -c "$*"; }
step dpkg -i /root/temurin-25-jdk-standin.deb '>/dev/null'
step dpkg -i /root/foresight.deb
step id foresight
step foresight --version
step foresight doctor --config /etc/foresight/robot.yaml
# No raspi-config and no /dev/i2c-* in a container: setup-pi reports that and exits 1; it must still run doctor.
step "/usr/lib/foresight/setup-pi; echo setup-pi exit \$?"
step systemctl is-enabled foresight '||' true
step systemctl start foresight
step systemctl is-active foresight
step sleep 3
step systemctl show foresight -p ActiveState -p SubState -p StatusText -p MainPID -p NRestarts
# From the exec of ExecStart to READY=1 (the loop's first tick), as systemd timed it.
step 'echo "start to READY: $(( ($(systemctl show foresight -P ActiveEnterTimestampMonotonic) - $(systemctl show foresight -P ExecMainStartTimestampMonotonic)) / 1000 )) ms"'
step 'echo "peak RSS: $(grep VmHWM /proc/$(systemctl show foresight -P MainPID)/status)"'
step systemctl stop foresight
step systemctl show foresight -p Result -p ExecMainStatus
step test "$(inside systemctl show foresight -P Result)" = success
step journalctl -u foresight --no-pager -o cat
step "journalctl -u foresight --no-pager -o cat | grep -c 'outputs safe'"
step ls -la /var/cache/foresight /var/lib/foresight
step dpkg --purge foresight
step test ! -e /usr/bin/foresight '&&' echo removed
