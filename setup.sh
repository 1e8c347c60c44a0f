#!/bin/sh
# Installs every Debian 12 package the project needs to build, test and run. Idempotent:
# when everything is present it only checks and returns within a second.
set -eu

PACKAGES="
  g++ meson ninja-build pkg-config gettext
  libtorch-dev libopenblas0-openmp nlohmann-json3-dev
  libgimp2.0-dev gimp libgegl-dev libbabl-dev
  libgtest-dev
  python3 python3-torch python3-torchvision python3-pil
  xvfb xauth openbox xdotool gtk2-engines-pixbuf
"

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
