#!/bin/sh
# A Debian 13 (trixie) root with GIMP 3.0, libtorch 2.6 and g++ 14, for building and
# testing the GIMP 3 plug-in on a Debian 12 machine.
#
#   ./setup-gimp3-root.sh [ROOT]                  create the root, or complete it; returns
#                                                 within a second when it is complete
#   ./setup-gimp3-root.sh run [ROOT] -- CMD ARG…  the same, then run CMD inside the root,
#                                                 with this project mounted at its own path
#                                                 and as the working directory
#
# ROOT: $GIMP3_ROOT, or /var/cache/gimp-neural-style/trixie-root (outside the clone, so
# every clone and CI run on this machine shares one root; about 3 GB).
# The package tests (tests/package) make plain roots with it, as a user's machine is:
# GIMP3_SUITE names the release (default trixie), and GIMP3_PACKAGES, when set, replaces
# the list of packages; set empty, the root is debootstrap's alone, with recommended
# packages and documentation installed as usual.
# The archive is the one this machine's apt uses (the entry for its own release), or
# $GIMP3_MIRROR. `run` mounts $GIMP3_BIND instead of this project when set, read-only with
# GIMP3_BIND_RO=1; it passes PATH, HOME, LANG, TERM and the NEURAL_STYLE_*, MESON_* and
# GIMP3_* variables. Mounts (/proc, /dev, /sys, the project) live in a private mount
# namespace, so they vanish when the command ends, however it ends; without unshare(1)
# they are unmounted by a trap. Needs root (uses sudo otherwise).
set -eu

SUITE=${GIMP3_SUITE:-trixie}
# Everything the build and the tests need on Debian 13, as setup.sh lists it.
PACKAGES=${GIMP3_PACKAGES-$("$(dirname "$0")/setup.sh" --list 13)}

me=$(basename "$0")
say() { echo "$me: $*" >&2; }
die() { say "$*"; exit 1; }

if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || die "run as root (or install sudo)"
  exec sudo -E "$0" "$@"
fi

# ---------------------------------------------------------------------------------------
# Inside the private mount namespace (or the host's, without unshare): mount, chroot, run.
# Usage: setup-gimp3-root.sh __inside ROOT BIND_DIR BIND_RO CMD ARG…
if [ "${1:-}" = __inside ]; then
  root=$2 bind=$3 bind_ro=$4
  shift 4
  mounted=""
  made=""   # the highest folder made for the project's mount point, removed again after
  # shellcheck disable=SC2317 # called by the trap
  cleanup() {
    for target in $mounted; do   # most recent first
      umount "$target" 2>/dev/null || umount -l "$target" 2>/dev/null || say "cannot unmount $target"
    done
    # Only when no other run holds the root: an rmdir here would detach the same mount
    # point from another run's namespace.
    if [ -n "$made" ] && flock -n -x 9 2>/dev/null; then
      dir=$root$bind
      while [ "${#dir}" -ge "${#made}" ] && rmdir "$dir" 2>/dev/null; do dir=$(dirname "$dir"); done
    fi
  }
  trap cleanup EXIT
  trap 'exit 129' HUP
  trap 'exit 130' INT
  trap 'exit 143' TERM
  # Don't let mounts made here travel back to the host when unshare is missing.
  mount --make-rprivate / 2>/dev/null || true
  mount -t proc proc "$root/proc"; mounted="$root/proc $mounted"
  mount --bind /dev "$root/dev"; mounted="$root/dev $mounted"
  if mount --bind /sys "$root/sys" 2>/dev/null; then
    mounted="$root/sys $mounted"
    mount -o remount,bind,ro "$root/sys" 2>/dev/null || true
  fi
  if [ -n "$bind" ]; then
    dir=$root$bind
    while [ ! -e "$dir" ]; do made=$dir; dir=$(dirname "$dir"); done
    mkdir -p "$root$bind"
    mount --bind "$bind" "$root$bind"; mounted="$root$bind $mounted"
    [ "$bind_ro" = 1 ] && mount -o remount,bind,ro "$root$bind"
  fi
  cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
  # A clean environment: nothing of the host's library paths leaks in. The machine's
  # OpenBLAS settings do: where it pins the kernels (OPENBLAS_CORETYPE), the tests in the
  # root must run the same kernels as those on the host.
  set -f
  # shellcheck disable=SC2046 # one word per variable (values with spaces are left out)
  set -- env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" DEBIAN_FRONTEND=noninteractive \
    $(env | grep -E '^(NEURAL_STYLE|MESON|GIMP3|OPENBLAS)_[A-Za-z0-9_]*=' | grep -v '[[:space:]]' || true) \
    "$@"
  status=0
  if [ -n "$bind" ]; then
    # shellcheck disable=SC2016 # expanded inside the root
    chroot "$root" sh -c 'cd "$0" && exec "$@"' "$bind" "$@" || status=$?
  else
    chroot "$root" "$@" || status=$?
  fi
  exit $status
fi

# ---------------------------------------------------------------------------------------
mode=setup
if [ "${1:-}" = run ]; then
  mode=run
  shift
fi
root=${GIMP3_ROOT:-/var/cache/gimp-neural-style/trixie-root}
if [ $# -gt 0 ] && [ "$1" != -- ]; then
  root=$1
  shift
fi
if [ "$mode" = run ]; then
  # "--" is required, so that a command is never taken for ROOT.
  if [ "${1:-}" != -- ] || [ $# -lt 2 ]; then die "usage: $me run [ROOT] -- CMD [ARG…]"; fi
  shift
elif [ $# -gt 0 ]; then
  die "usage: $me [ROOT]  |  $me run [ROOT] -- CMD [ARG…]"
fi
case $root in /*) ;; *) root=$(pwd)/$root ;; esac
root=${root%/}
[ -n "$root" ] || die "refusing to use / as the root"
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
project=$(dirname "$self")

# Runs "$@" inside the root, mounts in a private namespace when the kernel allows it.
in_root() {
  bind=$1 bind_ro=$2
  shift 2
  if unshare --mount --propagation private true 2>/dev/null; then
    unshare --mount --propagation private "$self" __inside "$root" "$bind" "$bind_ro" "$@"
  else
    "$self" __inside "$root" "$bind" "$bind_ro" "$@"
  fi
}

# Anything mounted at or below the root? (Never delete through a mount.)
mounts_inside() {
  awk -v r="$root" '$5 == r || index($5, r "/") == 1 { print $5 }' /proc/self/mountinfo
}

missing_packages() {
  # shellcheck disable=SC2016 # dpkg-query's format
  for package in $PACKAGES; do
    chroot "$root" dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
      grep -q "install ok installed" || printf ' %s' "$package"
  done
}

# The archive this machine's apt uses for its own release (deb822 .sources files, then
# one-line .list files), and the security archive beside it. Prints "MAIN SECURITY".
host_archive() {
  # shellcheck disable=SC1091 # the host's file
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  [ -n "$codename" ] || codename=$(sed -n 's/^VERSION=.*(\(.*\)).*/\1/p' /etc/os-release)
  files=$(ls /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list \
    /etc/apt/sources.list 2>/dev/null || true)
  # shellcheck disable=SC2086 # one word per file
  [ -n "$files" ] && awk -v want="$codename" -v sec="$codename-security" '
    function flush() {
      if (types ~ /(^|[ \t])deb([ \t]|$)/ && enabled != "no") {
        n = split(suites, s, /[ \t]+/)
        split(uris, u, /[ \t]+/)
        for (i = 1; i <= n; i++) {
          if (s[i] == want && main == "") main = u[1]
          if (s[i] == sec && security == "") security = u[1]
        }
      }
      types = uris = suites = enabled = ""
    }
    FNR == 1 { flush() }
    /^[ \t]*#/ { next }
    /^[ \t]*$/ { flush(); next }
    FILENAME ~ /\.sources$/ {
      line = $0; field = tolower($1); sub(/^[^:]*:[ \t]*/, "", line)
      if (field == "types:") types = line
      else if (field == "uris:") uris = line
      else if (field == "suites:") suites = line
      else if (field == "enabled:") enabled = tolower(line)
      next
    }
    $1 == "deb" {
      i = 2
      if ($i ~ /^\[/) while ($i !~ /\]$/ && i < NF) i++
      if ($i ~ /^\[/ || $i ~ /\]$/) i++
      if ($(i + 1) == want && main == "") main = $i
      if ($(i + 1) == sec && security == "") security = $i
    }
    END { flush(); if (main != "") print main, security }
  ' $files
}

mkdir -p "$(dirname "$root")"
exec 9>"$root.lock"
# Commands in the root hold a shared lock; changing the root takes it exclusively.
flock -s 9
root_complete() {
  [ ! -d "$root/debootstrap" ] && [ -x "$root/usr/bin/apt-get" ] && [ -z "$(missing_packages)" ]
}
root_complete || flock -x 9   # waits for commands running in the root

if [ -d "$root/debootstrap" ]; then
  # An interrupted debootstrap: start again.
  [ -z "$(mounts_inside)" ] || die "$root is half made and has mounts inside: unmount $(mounts_inside)"
  say "removing the unfinished root $root"
  rm -rf --one-file-system "$root"
elif [ -d "$root" ] && [ ! -x "$root/usr/bin/apt-get" ] && [ -n "$(ls -A "$root")" ]; then
  die "$root is not empty and not a Debian root: pick another path"
fi

if ! root_complete; then
  export DEBIAN_FRONTEND=noninteractive
  mirror=${GIMP3_MIRROR:-}
  security=""
  if [ -z "$mirror" ]; then
    read -r mirror security <<EOF || true
$(host_archive)
EOF
  fi
  [ -n "$mirror" ] || die "no Debian archive in /etc/apt/sources* for this release: set GIMP3_MIRROR"

  if [ ! -x "$root/usr/bin/apt-get" ]; then
    if ! command -v debootstrap >/dev/null; then
      say "installing debootstrap"
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
    fi
    say "creating the $SUITE root in $root from $mirror"
    start=$(date +%s)
    # In a private mount namespace too: debootstrap's own /proc and /sys mounts can't leak.
    if unshare --mount --propagation private true 2>/dev/null; then
      unshare --mount --propagation private \
        debootstrap --variant=minbase "$SUITE" "$root" "$mirror" >"$root.debootstrap.log" 2>&1 ||
        die "debootstrap failed: see $root.debootstrap.log"
    else
      debootstrap --variant=minbase "$SUITE" "$root" "$mirror" >"$root.debootstrap.log" 2>&1 ||
        die "debootstrap failed: see $root.debootstrap.log"
    fi
    say "debootstrap took $(($(date +%s) - start)) s"
  fi

  # The root's archive: the release, its updates and its security fixes.
  rm -f "$root/etc/apt/sources.list"
  {
    printf 'Types: deb\nURIs: %s\nSuites: %s %s-updates\nComponents: main\n' \
      "$mirror" "$SUITE" "$SUITE"
    [ -z "$security" ] ||
      printf '\nTypes: deb\nURIs: %s\nSuites: %s-security\nComponents: main\n' "$security" "$SUITE"
  } >"$root/etc/apt/sources.list.d/debian.sources"
  # A root to build in: no documentation, no recommended packages (saves space and
  # unpacking time). In any root: no services started by packages.
  if [ -n "$PACKAGES" ]; then
    printf 'path-exclude=/usr/share/doc/*\npath-exclude=/usr/share/man/*\npath-exclude=/usr/share/info/*\n' \
      >"$root/etc/dpkg/dpkg.cfg.d/01-no-docs"
    printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' \
      >"$root/etc/apt/apt.conf.d/01-no-recommends"
  fi
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 755 "$root/usr/sbin/policy-rc.d"

  missing=$(missing_packages)
  say "installing in the root:$missing"
  start=$(date +%s)
  # shellcheck disable=SC2086 # one word per package
  # shellcheck disable=SC2016 # expanded inside the root
  # dpkg --configure -a: finishes an install that was interrupted.
  if ! in_root "" 0 sh -c 'dpkg --configure -a && apt-get update -q && apt-get install -y -q -o Dpkg::Use-Pty=0 "$@" && apt-get clean' \
    sh $missing >"$root.apt.log" 2>&1; then
    tail -n 30 "$root.apt.log" >&2
    die "installing packages in $root failed: see $root.apt.log"
  fi
  say "installing took $(($(date +%s) - start)) s"
  missing=$(missing_packages)
  [ -z "$missing" ] || die "still missing in $root:$missing"
fi

[ "$mode" = run ] || exit 0
flock -s 9   # others may run beside us, but nobody changes the root meanwhile
status=0
in_root "${GIMP3_BIND:-$project}" "${GIMP3_BIND_RO:-0}" "$@" || status=$?
exit $status
