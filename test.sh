#!/bin/sh
# Sets up a fresh Debian 12 machine (see setup.sh), builds, and runs every test.
set -eu
cd "$(dirname "$0")"
./setup.sh
[ -f build/build.ninja ] || meson setup build
# Two jobs: a torch source takes 1-2 GB and most of a core to compile.
meson compile -C build -j 2
status=0
meson test -C build --print-errorlogs "$@" || status=$?
# One summary line in the form CI and people read at a glance.
/usr/bin/python3 - build/meson-logs/testlog.json <<'PY'
import json, sys
results = [json.loads(line)["result"] for line in open(sys.argv[1])]
passed = sum(r in ("OK", "EXPECTEDFAIL") for r in results)
skipped = sum(r == "SKIP" for r in results)
print("meson: %d passed, %d failed, %d skipped" % (passed, len(results) - passed - skipped, skipped))
PY
exit $status
