#!/usr/bin/python3
"""Dialog test: the settings dialog and the run window rendered under Xvfb.

Installs the probe plug-in (which links the real dialog code: dialog_probe.cpp for GIMP
2.10, procedure_dialog_probe.cpp for GIMP 3, which also needs the real plug-in installed
for its procedure) with the built catalogues beside it, and runs it in gimp-console on a
generated two-layer image, once in English and once in German. The probe operates every
control, checks that each one edits its setting and shows the README's range and default
(read here from its argument table), and saves screenshots; this script counts
its PASS/FAIL lines, checks the German run shows the German title, and prints the
screenshots' paths.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, "..", "harness")]
from gimp_harness import (DOMAIN, gimp_major, gimp_version, install_plugin,  # noqa: E402
                          scheme_string, speak, translated)
from xsession import XSession  # noqa: E402

GIMP_TIMEOUT_S = 240
PROBE = "neural-style-dialog-probe"
# English (the msgids) and one translation, which must differ from them.
LANGUAGES = ["en", "de"]
RESULT_LINE = re.compile(r"^(PASS|FAIL) (.*)$")
# The probe's last line (dialog_probe.cpp): the number of its FAIL lines.
SUMMARY_LINE = re.compile(r"^(\d+) probe failures$", re.MULTILINE)
# A numeric row of the README's argument table: name, type, "lowest…highest" (or "0, 1"),
# an optional special value ", -1 = pick one", and the default in brackets.
README_ROW = re.compile(r"^\| ([a-z0-9-]+) \| (?:INT32|FLOAT) \| (\S+?)(?:…|, )(\S+?)"
                        r"(?:, (-?\d+) = [^(|]*?)? \((\S+)\) \|", re.MULTILINE)

# Two plasma layers, the content active; then the probe on them.
SCRIPTS = {2: """
(let* ((img (car (gimp-image-new 64 48 RGB)))
       (content (car (gimp-layer-new img 64 48 RGB-IMAGE "Photo" 100 LAYER-MODE-NORMAL)))
       (style (car (gimp-layer-new img 64 48 RGB-IMAGE "Painting" 100 LAYER-MODE-NORMAL))))
  (gimp-image-insert-layer img content 0 0)
  (gimp-image-insert-layer img style 0 0)
  (plug-in-plasma RUN-NONINTERACTIVE img content 1 2.5)
  (plug-in-plasma RUN-NONINTERACTIVE img style 2 2.5)
  (plug-in-neural-style-dialog-probe RUN-NONINTERACTIVE img content style {screenshots}
                                     {language} {title} {painting} {readme}))
""", 3: """
(let* ((img (car (gimp-image-new 64 48 RGB)))
       (content (car (gimp-layer-new img "Photo" 64 48 RGB-IMAGE 100 LAYER-MODE-NORMAL)))
       (style (car (gimp-layer-new img "Painting" 64 48 RGB-IMAGE 100 LAYER-MODE-NORMAL))))
  (gimp-image-insert-layer img content 0 0)
  (gimp-image-insert-layer img style 0 0)
  (gimp-drawable-merge-new-filter content "gegl:plasma" "Plasma" LAYER-MODE-REPLACE 1.0
                                  "seed" 1 "turbulence" 2.5 "x" 0 "y" 0 "width" 64 "height" 48)
  (gimp-drawable-merge-new-filter style "gegl:plasma" "Plasma" LAYER-MODE-REPLACE 1.0
                                  "seed" 2 "turbulence" 2.5 "x" 0 "y" 0 "width" 64 "height" 48)
  (plug-in-neural-style-dialog-probe #:run-mode RUN-NONINTERACTIVE #:image img
                                     #:drawables (vector content style)
                                     #:screenshots {screenshots} #:language {language}
                                     #:title {title} #:painting {painting} #:readme {readme}))
"""}


def documented(readme):
    """The README's numeric arguments as "name lowest highest default;…": the range an
    entry takes (down to the special value, if any) and the default."""
    with open(readme, encoding="utf-8") as f:
        rows = README_ROW.findall(f.read())
    return ";".join("%s %r %r %r" % (name, min(float(low), float(special or low)), float(high),
                                     float(default))
                    for name, low, high, special, default in rows)


def run_probe(args, version, x, root, language):
    """One gimp-console session with a fresh profile; returns its output."""
    session = tempfile.mkdtemp(dir=root, prefix=language + "-")
    plugins = os.path.join(session, "plug-ins")
    # With the catalogues and the paintings beside it, as beside the plug-in.
    install_plugin(args.probe, plugins, PROBE, args.paintings, args.locale_dir)
    if version == 3:  # whose procedure the probe shows the dialog of
        install_plugin(args.plugin, plugins, locale_dir=args.locale_dir)
    env = speak(x.env(), language, root)
    env.update({"GIMP%d_DIRECTORY" % version: os.path.join(session, "profile")},
               XDG_DATA_HOME=os.path.join(session, "data"),
               GIMP_TESTING_PLUGINDIRS=plugins + os.pathsep + args.system_plugins)
    env.pop("NEURAL_STYLE_WEIGHTS", None)
    title = translated("Neural Style Transfer", DOMAIN, env, args.locale_dir)
    script = SCRIPTS[version].format(
        screenshots=scheme_string(args.screenshots), language=scheme_string(language),
        title=scheme_string(title), readme=scheme_string(documented(args.readme)),
        painting=scheme_string(translated("The Starry Night", DOMAIN, env, args.locale_dir)))
    command = ["timeout", str(GIMP_TIMEOUT_S), args.gimp, "-i", "-d", "-f", "-n", "-c",
               "--batch-interpreter=plug-in-script-fu-eval", "-b", script]
    # GIMP 3 quits with --quit (exit status 70 after an error); GIMP 2.10 needs a command.
    command += ["--quit"] if version == 3 else ["-b", "(gimp-quit 0)"]
    done = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, errors="replace")
    return title, done.returncode, done.stdout


def tally(language, title, returncode, output):
    """Prints the probe's results and the session's own checks; returns the failures."""
    failures = 0
    results = 0

    def record(ok, name):
        nonlocal failures
        print(("PASS " if ok else "FAIL ") + language + ": " + name, flush=True)
        failures += 0 if ok else 1

    for line in output.splitlines():
        match = RESULT_LINE.match(line.strip())
        if match:
            results += 1
            record(match.group(1) == "PASS", match.group(2))
        elif line.startswith("SCREENSHOT "):
            print(line, flush=True)
    record(returncode not in (124, 137), "GIMP finished in time")
    record(returncode == 0, "GIMP exited with status 0 (got %d)" % returncode)
    summaries = SUMMARY_LINE.findall(output)
    record(results > 20 and summaries == ["0"],
           "the probe ran to its end with 0 failures (%d results, summary %s)"
           % (results, summaries))
    record("batch command experienced" not in output and "Plug-in crashed" not in output,
           "the batch command ran without an error or a crash")
    record(language == "en" or title != "Neural Style Transfer",
           "the catalogue translates the title (%r)" % title)
    if failures:
        print("----- GIMP output (%s) -----\n%s\n-----" % (language, output), flush=True)
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("probe", help="the built probe plug-in")
    parser.add_argument("--plugin", required=True, help="the built plug-in")
    parser.add_argument("--readme", required=True, help="the README, for its argument table")
    parser.add_argument("--gimp", default="gimp-console-2.10")
    parser.add_argument("--system-plugins", required=True, help="GIMP's own plug-ins folder")
    parser.add_argument("--locale-dir", required=True,
                        help="the built catalogues: <dir>/<lang>/LC_MESSAGES/*.mo")
    parser.add_argument("--screenshots", required=True, help="folder for the screenshots")
    parser.add_argument("--paintings", required=True,
                        help="the built-in paintings' folder in the source tree")
    args = parser.parse_args()
    os.makedirs(args.screenshots, exist_ok=True)
    version = gimp_major(gimp_version(args.gimp))
    failures = 0
    with tempfile.TemporaryDirectory(prefix="neural-style-dialog-") as root:
        with XSession(root) as x:
            for language in LANGUAGES:
                failures += tally(language, *run_probe(args, version, x, root, language))
    print("%d failed" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
