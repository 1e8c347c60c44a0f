#!/bin/sh
# Sets up a fresh Debian 12 machine, builds, and runs the plug-in in real GIMP batch mode
# on a sample that ships with GIMP: its splash photo, painted in the look of one of its
# patterns. Writes neural-style-demo.png (or the path given). The user's GIMP profile is
# not touched: GIMP runs with a temporary one and the plug-in from the build tree.
set -eu
cd "$(dirname "$0")"
./setup.sh
[ -f build/build.ninja ] || meson setup build
meson compile -C build -j 2

out=$(realpath -m "${1:-neural-style-demo.png}")
pattern=${PATTERN:-Maple Leaves}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/plug-ins/neural-style"
cp build/plugin/neural-style "$work/plug-ins/neural-style/"

# The style layer is a 512 px square tiled with the pattern: a tiled texture keeps its
# brush strokes at their own scale, where resizing one tile would blur them.
GIMP2_DIRECTORY="$work/profile" \
GIMP_TESTING_PLUGINDIRS="$work/plug-ins:/usr/lib/gimp/2.0/plug-ins" \
timeout 900 gimp-console-2.10 -i -f -n --batch-interpreter=plug-in-script-fu-eval -b "
(let* ((photo \"/usr/share/gimp/2.0/images/gimp-splash.png\")
       (image (car (gimp-file-load RUN-NONINTERACTIVE photo photo)))
       (content (car (gimp-image-get-active-layer image)))
       (palette (car (gimp-image-new 512 512 RGB)))
       (style (car (gimp-layer-new palette 512 512 RGB-IMAGE \"$pattern\" 100 LAYER-MODE-NORMAL))))
  (gimp-image-insert-layer palette style 0 0)
  (gimp-context-set-pattern \"$pattern\")
  (gimp-drawable-fill style FILL-PATTERN)
  (let ((result (car (plug-in-neural-style RUN-NONINTERACTIVE image content style -1 0.5
                                           10 1 1 512 300 1 0 -1))))
    (file-png-save-defaults RUN-NONINTERACTIVE image result \"$out\" \"$out\")
    (gimp-message (string-append \"Wrote $out: \" (car (gimp-item-get-name result)))))
  (gimp-image-delete image)
  (gimp-image-delete palette))" \
  -b '(gimp-quit 0)' 2>&1 | tee "$work/log"
# (No -d: the patterns are data GIMP must load.) GIMP exits 0 even when a batch command failed: its output says.
if grep -q "batch command experienced an execution error" "$work/log" || [ ! -s "$out" ]; then
  echo "demo.sh: the GIMP batch run failed (see above)" >&2
  exit 1
fi
