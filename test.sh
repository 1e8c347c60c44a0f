#!/bin/sh
# Sets up a fresh Debian 12 machine (see setup.sh), builds, and runs every test.
set -eu
cd "$(dirname "$0")"
./setup.sh
[ -f build/build.ninja ] || meson setup build
# Two jobs: a torch source takes 1-2 GB and most of a core to compile.
meson compile -C build -j 2
meson test -C build --print-errorlogs "$@"
