#!/usr/bin/python3
"""Catalogue test: every translatable string is translated in every language.

Regenerates the template from the sources (xgettext, with the arguments meson uses),
checks that POTFILES lists every source file with translatable strings, merges the
template into each catalogue named in LINGUAS and fails when one misses a string, has a
fuzzy one, does not compile, or has formats or mnemonics that do not match the English.
Strings a catalogue has but the sources no longer use are reported, not failed.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

MARKED = re.compile(r'\bN?_\(\s*"')
SOURCE_DIRS = ["engine/src", "engine/cli", "plugin", "ui"]
STATISTICS = re.compile(r"(\d+) translated messages?(?:, (\d+) fuzzy translations?)?"
                        r"(?:, (\d+) untranslated messages?)?")


def listed(po_dir, name):
    with open(os.path.join(po_dir, name), encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


def marked_sources(root):
    found = []
    for folder in SOURCE_DIRS:
        for name in sorted(os.listdir(os.path.join(root, folder))):
            path = os.path.join(folder, name)
            if name.endswith((".cpp", ".h")):
                with open(os.path.join(root, path), encoding="utf-8") as f:
                    if MARKED.search(f.read()):
                        found.append(path)
    return found


def run(command, **kwargs):
    return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          **kwargs)


class Checks:
    def __init__(self):
        self.failed = 0

    def record(self, ok, name, detail=""):
        print(("PASS " if ok else "FAIL ") + name + ("" if ok or not detail else ": " + detail),
              flush=True)
        self.failed += 0 if ok else 1


def check_potfiles(checks, root, po_dir):
    potfiles = listed(po_dir, "POTFILES")
    missing = sorted(set(marked_sources(root)) - set(potfiles))
    checks.record(not missing, "POTFILES lists every file with translatable strings",
                  " ".join(missing))
    gone = [path for path in potfiles if not os.path.isfile(os.path.join(root, path))]
    checks.record(not gone, "every file in POTFILES exists", " ".join(gone))
    return [path for path in potfiles if path not in gone]


def check_catalogue(checks, po_dir, template, language, work):
    po = os.path.join(po_dir, language + ".po")
    merged = os.path.join(work, language + ".po")
    done = run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged, po, template])
    checks.record(done.returncode == 0, language + ": merges with the template", done.stdout)
    if done.returncode:
        return
    stats = run(["msgfmt", "--check", "--check-accelerators=_", "--statistics", "-o",
                 os.devnull, merged])
    checks.record(stats.returncode == 0, language + ": compiles, formats and mnemonics match",
                  stats.stdout)
    match = STATISTICS.search(stats.stdout)
    fuzzy = int(match.group(2) or 0) if match else -1
    untranslated = int(match.group(3) or 0) if match else -1
    checks.record(match is not None and fuzzy == 0 and untranslated == 0,
                  language + ": every string translated", stats.stdout.strip())
    with open(merged, encoding="utf-8") as f:
        obsolete = sum(line.startswith("#~ msgid") for line in f)
    if obsolete:
        print("NOTE %s: %d strings no longer used (msgattrib --no-obsolete removes them)"
              % (language, obsolete))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-root", required=True)
    parser.add_argument("--po-dir", required=True)
    parser.add_argument("xgettext_args", nargs="*", help="after --: xgettext's arguments")
    args = parser.parse_args()
    checks = Checks()
    sources = check_potfiles(checks, args.source_root, args.po_dir)
    with tempfile.TemporaryDirectory(prefix="neural-style-po-") as work:
        template = os.path.join(work, "template.pot")
        done = run(["xgettext", "-o", template, "--directory", args.source_root]
                   + args.xgettext_args + sources)
        checks.record(done.returncode == 0 and os.path.isfile(template),
                      "xgettext extracts the template", done.stdout)
        if os.path.isfile(template):
            for language in listed(args.po_dir, "LINGUAS"):
                check_catalogue(checks, args.po_dir, template, language, work)
    print("%d failed" % checks.failed)
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
