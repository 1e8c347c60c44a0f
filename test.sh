#!/bin/sh
# Sets up a fresh Debian machine (see setup.sh), builds, and runs every test. On Debian 12
# (GIMP 2.10) and with no arguments it then builds everything again in a Debian 13 root
# (GIMP 3, libtorch 2.6, g++ 14; see setup-gimp3-root.sh) and runs every suite there too:
# the GIMP 3 plug-in in gimp-console-3.0 and real GIMP 3. Arguments are passed to this
# machine's `meson test` alone (e.g. ./test.sh --suite cli). Last, on Debian 12 and with no
# arguments, it builds both Debian packages and tests them as installed (tests/package).
set -eu
cd "$(dirname "$0")"
./setup.sh
[ -f build/build.ninja ] || meson setup build
# Two jobs: a torch source takes 1-2 GB and most of a core to compile.
meson compile -C build -j 2
status=0
# Fresh logs only: a run that fails before it writes its log (a GIMP 3 root that does not
# build) must not be summed up with the last run's results.
rm -f build/meson-logs/testlog.json build-gimp3/meson-logs/testlog.json
meson test -C build --print-errorlogs "$@" || status=$?
logs=build/meson-logs/testlog.json
# The weights loaders under libFuzzer, AddressSanitizer and UndefinedBehaviorSanitizer, two
# minutes each after replaying the regressions and the corpus; a report names its input.
if [ $# -eq 0 ] && command -v clang++ >/dev/null; then
  for target in safetensors vgg-loader; do
    tests/fuzz/run_fuzzer.sh "$target" 120 || status=$?
  done
fi
if [ $# -eq 0 ] && pkg-config --exists gimp-2.0; then
  ./setup-gimp3-root.sh run -- sh -ec '
    [ -f build-gimp3/build.ninja ] || meson setup build-gimp3 -Dgimp2=disabled
    meson compile -C build-gimp3 -j 2
    meson test -C build-gimp3 --print-errorlogs' ||
    status=$?
  logs="$logs build-gimp3/meson-logs/testlog.json"
fi
# Both Debian packages, built, then installed, used and purged as a user would, each in a
# fresh root of its release (tests/package).
packages=""
if [ $# -eq 0 ] && pkg-config --exists gimp-2.0; then
  packages="packages: none built"
  rm -f packages/gimp-plugin-neural-style_*.deb
  if ./package.sh; then
    # Side by side: each mostly waits for apt. A log each; the whole of a failed one shown.
    pids=""
    for deb in packages/gimp-plugin-neural-style_*.deb; do
      tests/package/test_package.sh "$deb" >"${deb%.deb}.log" 2>&1 &
      pids="$pids $!:${deb%.deb}.log"
    done
    passed=0 total=0
    for job in $pids; do
      total=$((total + 1))
      if wait "${job%%:*}"; then
        passed=$((passed + 1))
        grep '^check_installed: ' "${job#*:}"
      else
        status=1
        cat "${job#*:}"
      fi
    done
    packages="packages: $passed of $total passed"
  else
    status=1
  fi
fi
# One summary line in the form CI and people read at a glance.
/usr/bin/python3 - $logs <<'PY'
import json, os, sys
missing = [log for log in sys.argv[1:] if not os.path.exists(log)]
results = [json.loads(line)["result"]
           for log in sys.argv[1:] if os.path.exists(log) for line in open(log)]
passed = sum(r in ("OK", "EXPECTEDFAIL") for r in results)
skipped = sum(r == "SKIP" for r in results)
print("meson: %d passed, %d failed, %d skipped%s" % (
    passed, len(results) - passed - skipped, skipped,
    "".join("; no test log %s (those tests did not run)" % log for log in missing)))
PY
[ -z "$packages" ] || echo "$packages"
exit $status
