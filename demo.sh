#!/bin/sh
# Sets up a fresh Debian 12 machine, builds the plug-in, and runs it in real GIMP batch
# mode: GIMP's splash photo painted in the style of The Starry Night (the built-in
# painting, loaded from models/paintings/ as a script would load it). Writes
# neural-style-demo.png (or the path given), printing the progress as it goes. The user's
# GIMP profile is not touched: GIMP runs with a temporary one and the plug-in from the
# build tree.
set -eu
cd "$(dirname "$0")"
./setup.sh
[ -f build/build.ninja ] || meson setup build
# The plug-in alone, not the tests.
meson compile -C build -j 2 neural-style

out=$(realpath -m "${1:-neural-style-demo.png}")
painting=$(realpath models/paintings/starry_night.jpg)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/plug-ins/neural-style"
cp build/plugin/neural-style "$work/plug-ins/neural-style/"

# NEURAL_STYLE_PROGRESS=1: the plug-in prints its progress to stderr, which gimp-console
# passes on (it shows none of its own).
NEURAL_STYLE_PROGRESS=1 \
GIMP2_DIRECTORY="$work/profile" \
GIMP_TESTING_PLUGINDIRS="$work/plug-ins:/usr/lib/gimp/2.0/plug-ins" \
timeout 900 gimp-console-2.10 -i -d -f -n --batch-interpreter=plug-in-script-fu-eval -b "
(let* ((photo \"/usr/share/gimp/2.0/images/gimp-splash.png\")
       (image (car (gimp-file-load RUN-NONINTERACTIVE photo photo)))
       (content (car (gimp-image-get-active-layer image)))
       (painting (car (gimp-file-load RUN-NONINTERACTIVE \"$painting\" \"$painting\")))
       (style (car (gimp-image-get-active-layer painting))))
  (gimp-item-set-name style \"The Starry Night\")
  (let ((result (car (plug-in-neural-style RUN-NONINTERACTIVE image content style -1 0.5
                                           10 1 4 0 300 1 0 -1))))
    (file-png-save-defaults RUN-NONINTERACTIVE image result \"$out\" \"$out\")
    (gimp-message (string-append \"Wrote $out: \" (car (gimp-item-get-name result)))))
  (gimp-image-delete image)
  (gimp-image-delete painting))" \
  -b '(gimp-quit 0)' 2>&1 | tee "$work/log"
# GIMP exits 0 even when a batch command failed: its output says.
if grep -q "batch command experienced an execution error" "$work/log" || [ ! -s "$out" ]; then
  echo "demo.sh: the GIMP batch run failed (see above)" >&2
  exit 1
fi
