#!/bin/sh
# Inside a fresh root (test_package.sh), as its root user: installs the package as a user
# does, uses it from GIMP in batch mode (in German), runs its commands, then purges it and
# checks that none of its files is left.
#   check_installed.sh PACKAGE.deb
set -eu
deb=$1
package=gimp-plugin-neural-style
fail() { echo "check_installed: FAIL: $*" >&2; exit 1; }
pass() { echo "check_installed: PASS: $*"; }
export DEBIAN_FRONTEND=noninteractive
# Unpacking without a sync after every file: the same files, minutes sooner.
echo force-unsafe-io >/etc/dpkg/dpkg.cfg.d/unsafe-io

apt-get update -q
! ls /usr/bin/gimp* >/dev/null 2>&1 || fail "GIMP is installed before the package: the root is not fresh"
apt-get install -y -q -o Dpkg::Use-Pty=0 "./$deb"
pass "apt-get install ./$deb"
# German as a German user has it: a generated de_DE.UTF-8 locale.
apt-get install -y -q -o Dpkg::Use-Pty=0 locales
echo 'de_DE.UTF-8 UTF-8' >/etc/locale.gen
locale-gen

# A fresh GIMP profile, and a plain user's home for the weights tool.
home=$(mktemp -d)
here=$(pwd)
if command -v gimp-console-3.0 >/dev/null; then
  set -- gimp-console-3.0 -i --quit --batch-interpreter=plug-in-script-fu-eval \
    -b "(begin (load \"$here/tests/package/gimp3.scm\") (load \"$here/tests/package/use_gimp.scm\"))"
else
  set -- gimp-console-2.10 -i \
    -b "(begin (load \"$here/tests/package/gimp2.scm\") (load \"$here/tests/package/use_gimp.scm\"))" \
    -b '(gimp-quit 0)'
fi
rm -f /tmp/neural-style-package-test.png
log=$home/gimp.log
HOME=$home LANG=de_DE.UTF-8 LANGUAGE= "$@" >"$log" 2>&1 || { cat "$log"; fail "$1 exited with an error"; }
sed -e '$a\' "$log"   # GIMP's last line may lack its newline
! grep -q "execution error" "$log" || fail "the batch call failed"
grep -q "FRAMES registered" "$log" || fail "plug-in-neural-style-frames is not registered"
[ "$(grep -c "RESULT-NAME .* im Stil von " "$log")" = 4 ] ||
  fail "not four new layers, one per built-in painting, with German names"
[ "$(head -c 8 /tmp/neural-style-package-test.png | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
  fail "no PNG written"
pass "$1 registers both procedures, paints with each built-in painting in German, saves a PNG"

neural-style-cli --help >/dev/null || fail "neural-style-cli --help"
neural-style-fetch-weights --help >/dev/null || fail "neural-style-fetch-weights --help (root)"
setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$home" \
  neural-style-fetch-weights --help >/dev/null || fail "neural-style-fetch-weights --help (nobody)"
[ -z "$(find /usr/share/neural-style -name __pycache__)" ] ||
  fail "running the weights tool left __pycache__ in the package's folder"
pass "neural-style-cli and neural-style-fetch-weights run, as root and as nobody, and write nothing"

files=$(dpkg -L "$package")
apt-get remove --purge -y -q -o Dpkg::Use-Pty=0 "$package"
left=""
for path in $files; do
  [ "$path" != /. ] || continue
  [ -e "$path" ] || [ -L "$path" ] || continue
  # A folder other packages own too (/usr/bin) stays.
  [ -d "$path" ] && [ ! -L "$path" ] && dpkg -S "$path" >/dev/null 2>&1 && continue
  left="$left $path"
done
[ -z "$left" ] || fail "left after apt-get remove --purge:$left"
pass "apt-get remove --purge leaves none of its $(echo "$files" | wc -l) paths"
