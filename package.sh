#!/bin/sh
# Builds the Debian package gimp-plugin-neural-style for each GIMP: for GIMP 2.10 on this
# Debian 12 machine, and for GIMP 3 in the Debian 13 root of setup-gimp3-root.sh. Each build
# starts from a copy of the project's files (tracked or not ignored), gets a version of its
# own (0.1.0~deb12u1, 0.1.0~deb13u1: the two never collide) and must pass lintian.
#   ./package.sh          both packages, into packages/
#   ./package.sh 12|13    one of them
#   ./package.sh --build SOURCE_COPY   (what the Debian 13 root runs) build and check it there
set -eu
cd "$(dirname "$0")"
out=packages
mkdir -p "$out"

# The project's files (without build trees) into $1, with a changelog entry for release $2.
copy_source() {
  dest=$1 major=$2
  rm -rf "$dest"
  mkdir -p "$dest"
  git ls-files -z -co --exclude-standard |
    tar --null --files-from=- --ignore-failed-read -cf - 2>/dev/null | tar -xf - -C "$dest"
  case $major in 12) suite=bookworm gimp="GIMP 2.10" ;; *) suite=trixie gimp="GIMP 3" ;; esac
  {
    printf '%s (%s~deb%su1) %s; urgency=medium\n\n  * Built for Debian %s (%s).\n\n' \
      "$(dpkg-parsechangelog -S Source)" "$(dpkg-parsechangelog -S Version)" "$major" \
      "$suite" "$major" "$gimp"
    printf ' -- %s  %s\n\n' "$(dpkg-parsechangelog -S Maintainer)" "$(date -R)"
    cat debian/changelog
  } >"$dest/debian/changelog"
}

# Builds in $1 (a source copy), then checks the package and moves it into packages/.
build_check_move() {
  (cd "$1" && dpkg-buildpackage -b --no-sign -j2)
  deb=$(ls "$1"/../gimp-plugin-neural-style_*.deb)
  lintian --fail-on error --tag-display-limit 0 "$deb"
  mv "$deb" "$out/"
}

if [ "${1:-}" = --build ]; then
  build_check_move "$2"
  exit 0
fi

# shellcheck disable=SC1091 # the machine's own file
release=$(. /etc/os-release && echo "${VERSION_ID%%.*}")
for major in ${1:-12 13}; do
  work=$out/build-deb$major
  copy_source "$work/src" "$major"
  rm -f "$out"/gimp-plugin-neural-style_*~deb"$major"u1_*.deb
  ./setup.sh
  if [ "$major" = "$release" ]; then
    build_check_move "$work/src"
  elif [ "$major" = 13 ]; then
    ./setup-gimp3-root.sh run -- ./package.sh --build "$work/src"
  else
    echo "package.sh: the Debian $major package is built on Debian $major" >&2
    exit 1
  fi
  rm -rf "$work"
done
ls -l "$out"/*.deb
