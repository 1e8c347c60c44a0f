#!/bin/sh
# Makes the small copies of the built-in paintings in this folder from the originals
# (default: the project's sample images, ../shared/images beside the checkout), and copies
# their provenance. A copy keeps the original's pixels when they are within the limits
# (1024 px longest side, 400 KB); otherwise it is scaled down and saved again. Needs
# ImageMagick (Debian: imagemagick). The photographs there are never copied.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
originals=${1:-$here/../../../shared/images}
max_side=1024
max_bytes=409600

for name in starry_night the_scream shipwreck woman-with-hat-matisse; do
  from=$originals/$name.jpg
  to=$here/$name.jpg
  side=$(identify -format '%[fx:max(w,h)]' "$from")
  if [ "$side" -le "$max_side" ] && [ "$(stat -c %s "$from")" -le "$max_bytes" ]; then
    cp "$from" "$to"
  else
    convert "$from" -resize "${max_side}x${max_side}>" -strip -quality 85 "$to"
  fi
  bytes=$(stat -c %s "$to")
  if [ "$bytes" -gt "$max_bytes" ]; then
    echo "make_copies.sh: $to is $bytes bytes, more than $max_bytes" >&2
    exit 1
  fi
  echo "$to: $(identify -format '%wx%h' "$to"), $bytes bytes"
done
