#!/bin/sh
# Sets up a fresh Debian 12 machine, builds, and stylises a sample that ships with GIMP:
# its splash photo, painted with one of its patterns. Writes neural-style-demo.png.
set -eu
cd "$(dirname "$0")"
./setup.sh
[ -f build/build.ninja ] || meson setup build
meson compile -C build -j 2

out=${1:-neural-style-demo.png}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# GIMP patterns (.pat) are GIMP's own format: let GIMP turn one into a PNG.
GIMP2_DIRECTORY="$work/profile" timeout 120 gimp-console-2.10 -i -d -f -n \
  --batch-interpreter=plug-in-script-fu-eval -b "
  (let* ((image (car (file-pat-load RUN-NONINTERACTIVE
                       \"/usr/share/gimp/2.0/patterns/Food/choc_swirl.pat\" \"choc_swirl.pat\")))
         (layer (car (gimp-image-get-active-layer image))))
    (file-png-save-defaults RUN-NONINTERACTIVE image layer \"$work/style.png\" \"style.png\"))" \
  -b '(gimp-quit 0)' >/dev/null 2>&1
build/engine/cli/neural-style-cli --content /usr/share/gimp/2.0/images/gimp-splash.png \
  --style "$work/style.png" --style-scale 0.5 --output "$out" --size 384
