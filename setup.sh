#!/bin/sh
# Installs every Debian package the project needs to build, test, package and run: GIMP 2.10's on
# Debian 12, GIMP 3's on Debian 13 and later. Idempotent: when everything is present it
# only checks and returns within a second.
#   ./setup.sh                  install what is missing
#   ./setup.sh --list [MAJOR]   print the packages for a Debian release (default: this one)
set -eu

packages_for() {
  common="
    g++ meson ninja-build pkg-config gettext
    libtorch-dev libopenblas0-openmp nlohmann-json3-dev
    libopencv-video-dev
    gimp libgegl-dev libbabl-dev libjpeg-dev
    libgtest-dev
    python3 python3-torch python3-torchvision python3-pil
    xvfb xauth openbox xdotool
    build-essential debhelper lintian debootstrap"
  case $1 in
    # GTK 2 theme for the tests; clang and its runtime (libFuzzer, AddressSanitizer) for
    # the fuzz build (tests/fuzz), which runs here and not in the GIMP 3 root.
    12) echo "$common libgimp2.0-dev gtk2-engines-pixbuf clang libclang-rt-dev" ;;
    *) echo "$common libgimp-3.0-dev" ;;
  esac
}

# shellcheck disable=SC1091 # the machine's own file
release=$(. /etc/os-release && echo "${VERSION_ID:-}")
release=${release%%.*}
if [ "${1:-}" = --list ]; then
  packages_for "${2:-$release}"
  exit 0
fi
PACKAGES=$(packages_for "$release")

missing=""
for package in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing="$missing $package"
done
[ -z "$missing" ] && exit 0

echo "setup.sh: installing$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null; then
  sudo="sudo"
else
  echo "setup.sh: run as root (or install sudo) to install:$missing" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086 # one word per package
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
