#!/bin/sh
# Tests a package from package.sh as a user meets it: installed with apt-get into a fresh
# root of its release made by debootstrap (nothing of the build there, no GIMP yet), used
# from GIMP, then purged (check_installed.sh). Each release's debootstrap root is made once
# under /var/cache/gimp-neural-style and copied afresh for every test. Needs root.
#   tests/package/test_package.sh packages/gimp-plugin-neural-style_VERSION_ARCH.deb
set -eu
cd "$(dirname "$0")/../.."
deb=${1:?usage: test_package.sh PACKAGE.deb}
case $deb in
  *~deb12u1_*) suite=bookworm ;;
  *~deb13u1_*) suite=trixie ;;
  *) echo "test_package.sh: $deb: not a package for Debian 12 or 13" >&2; exit 1 ;;
esac
export GIMP3_SUITE=$suite GIMP3_PACKAGES=""
base=/var/cache/gimp-neural-style/$suite-plain-root
./setup-gimp3-root.sh "$base"

root=$(mktemp -d /var/tmp/neural-style-package-root.XXXXXX)
trap 'rm -rf --one-file-system "$root" "$root.lock"' EXIT
cp -a "$base/." "$root/"
GIMP3_BIND_RO=1 ./setup-gimp3-root.sh run "$root" -- tests/package/check_installed.sh "$deb"
