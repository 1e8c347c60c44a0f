#!/usr/bin/python3
r"""GIMP batch-mode tests of the plug-in.

Installs the built plug-in into a temporary plug-ins folder (the installed layout,
neural-style/neural-style, with the built-in paintings in neural-style/paintings), runs gimp-console with a fresh temporary profile and the
Script-Fu test files, and counts the PASS/FAIL lines they print. Every test file ends with
(end-of-test-file), which prints "END <file>": the runner requires that line from every
file it ran, so a file that broke off (an error outside a check, a crash) cannot hide
behind the results it printed before. GIMP 3 exits 70 after an execution error and 64
after a calling error, and must exit 0; GIMP 2.10 exits 0 even after errors, so its
output is what tells: the runner also fails on a batch command that experienced an
execution or a calling error, on "inconsistent" undo, on a plug-in crash (GIMP's "Plug-in
crashed", libgimp's "fatal error" and "terminated" on a signal, an uncaught C++
exception), and checks that the user is told exactly once that no weights are installed.
In a session of its own it kills the plug-in while it paints (test_killed.scm). In two
more, each with fresh caches, it paints made-up files (test_same_as_cli.scm) and checks
that the result has exactly the pixels neural-style-cli paints from them.
On GIMP 3 it also runs the README's GIMP 3 batch example word for word on made-up
photo.jpg and painting.jpg, and checks its out.png.

The same test files run on GIMP 2.10 and GIMP 3.0: the calls that differ are wrapped in
gimp2.scm and gimp3.scm, and the runner loads the one for the GIMP it runs. GIMP 3 only
also runs test_several_drawables.scm; GIMP 2.10 only, test_last_values.scm (GIMP 3 keeps
last values only after interactive runs, which tests/gui covers). For example:

  run_gimp_tests.py build/plugin/neural-style --gimp gimp-console-2.10 \
      --system-plugins /usr/lib/gimp/2.0/plug-ins --models-dir /usr/local/share/neural-style/models \
      --paintings models/paintings
  ./setup-gimp3-root.sh run -- /usr/bin/python3 tests/gimp/run_gimp_tests.py \
      build-gimp3/plugin/neural-style --gimp gimp-console-3.0 \
      --system-plugins /usr/lib/x86_64-linux-gnu/gimp/3.0/plug-ins \
      --models-dir /usr/local/share/neural-style/models --paintings models/paintings

Prints every result, then a last line "N passed, M failed"; exits 1 on any failure.
"""

import argparse
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time

from PIL import Image, ImageChops, ImageStat

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))
from gimp_harness import gimp_major, gimp_version, install_plugin, scheme_string  # noqa: E402

# A session's limit: about 30 short runs of the plug-in, several minutes on 2 busy cores.
GIMP_TIMEOUT_S = 540
# The Script-Fu files run in one GIMP session, each as its own batch command.
TEST_FILES = ["test_new_layer.scm", "test_pixels.scm", "test_offsets.scm",
              "test_grey_precision.scm", "test_styles.scm", "test_paintings.scm", "test_seed.scm",
              "test_bad_input.scm", "test_frames.scm"]
# What only GIMP 3 can do: several drawables in one call, a built-in painting by name.
GIMP3_TEST_FILES = ["test_several_drawables.scm", "test_builtin_style.scm"]
# Repeat after a batch run: only GIMP 2.10 keeps the last values of non-interactive runs.
GIMP2_TEST_FILES = ["test_last_values.scm"]
# Runs in a second session, with a broken weights file installed next to the plug-in.
WEIGHTS_FAILURE_FILE = "test_weights_failure.scm"
# Also in the second session, which has no paintings beside the plug-in: GIMP 3 alone can
# name a built-in painting in a call, and only while none are installed is one missing.
PAINTING_MISSING_FILE = "test_painting_missing.scm"
# GIMP 3, in a session of its own: a built-in painting beside the plug-in cut in half.
PAINTING_DAMAGED_FILE = "test_painting_damaged.scm"
# In a session of its own, where the runner kills the plug-in while it paints.
KILLED_FILE = "test_killed.scm"
# How long the plug-in paints before it is killed: past its start, into the optimisation.
KILL_AFTER_S = 3
# Twice, each in a session of its own with fresh caches: the same pixels as the command line.
SAME_AS_CLI_FILE = "test_same_as_cli.scm"
# The settings of that file's call, as neural-style-cli takes them.
SAME_AS_CLI_SETTINGS = ["--style-weight", "10", "--content-weight", "1", "--tv-weight", "1",
                        "--iterations", "5", "--style-scale", "1", "--seed", "11"]
WEIGHTS_FILE = "vgg19-features.safetensors"
RANDOM_FEATURES_NOTICE = "the built-in network is used"
RESULT_LINE = re.compile(r"^(?:\S.*-Warning: )?(PASS|FAIL) (.*)$")
# (end-of-test-file) in helpers.scm, the last line of every test file.
END_LINE = re.compile(r"^(?:\S.*-Warning: )?END (\S+)$")
# GIMP's batch.c: a -b command that failed (GIMP 3 also stops at the first one).
BATCH_ERROR = re.compile(r"batch command experienced an? (?:execution|calling) error"
                         r"|Stopping at failing batch command")
# A plug-in (or GIMP) that died: GIMP's "Plug-in crashed: ...", libgimp's signal handlers
# ("<prog>: fatal error: Segmentation fault", "<prog> terminated: Terminated"), the C++
# runtime's "terminate called after throwing", the shell's and the kernel's words.
CRASH = re.compile(r"Plug-in crashed|fatal error|\bterminated: |terminate called"
                   r"|Segmentation fault|core dumped")


def environment(root, plugins, system_plugins, version):
    env = dict(os.environ)
    env.pop("NEURAL_STYLE_WEIGHTS", None)
    # A fresh profile per session, and no user data folder with real weights in it.
    session = tempfile.mkdtemp(dir=root)
    env.update({
        f"GIMP{version}_DIRECTORY": os.path.join(session, "profile"),
        "XDG_DATA_HOME": os.path.join(session, "data"),
        "XDG_CACHE_HOME": os.path.join(session, "cache"),
        "GIMP_TESTING_PLUGINDIRS": plugins + os.pathsep + system_plugins,
    })
    return env


def run_gimp(gimp, version, tests_dir, files, env, network, paintings="", folder=""):
    """Runs each test file as a batch command, after the wrappers for this GIMP version
    and the helpers; `network` is what their results should record in the settings
    parasite, `paintings` the folder of the built-in paintings beside the plug-in,
    `folder` one for the files a test reads and writes.
    Returns the files, GIMP's exit status and its output."""
    wrappers = scheme_string(os.path.join(tests_dir, f"gimp{version}.scm"))
    helpers = scheme_string(os.path.join(tests_dir, "helpers.scm"))
    prelude = (f"(define expected-network {scheme_string(network)})"
               f"(define paintings-dir {scheme_string(paintings)})"
               f"(define files-dir {scheme_string(folder)})")
    command = ["timeout", str(GIMP_TIMEOUT_S), gimp, "-i", "-d", "-f", "-n", "-c",
               "--batch-interpreter=plug-in-script-fu-eval"]
    for name in files:
        test = scheme_string(os.path.join(tests_dir, name))
        command += ["-b", f"(begin {prelude} (define test-file {scheme_string(name)})"
                          f" (load {wrappers}) (load {helpers}) (load {test}))"]
    # GIMP 3 quits after the batch commands with --quit (exit status 70 after an error,
    # and the commands after a failed one are skipped); GIMP 2.10 needs a last command.
    command += ["--quit"] if version >= 3 else ["-b", "(gimp-quit 0)"]
    done = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, errors="replace")
    return files, done.returncode, done.stdout


class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def record(self, ok, name):
        print(("PASS " if ok else "FAIL ") + name, flush=True)
        if ok:
            self.passed += 1
        else:
            self.failed += 1

    def session(self, label, files, returncode, output, expected_notices, crash_expected=False):
        """Counts the Script-Fu results of one GIMP session, in which `files` ran, and
        checks its output (a crash only where the runner caused one)."""
        results = 0
        ended = []
        for line in output.splitlines():
            match = RESULT_LINE.match(line.strip())
            if match:
                results += 1
                self.record(match.group(1) == "PASS", match.group(2))
            match = END_LINE.match(line.strip())
            if match:
                ended.append(match.group(1))
        batch_error = BATCH_ERROR.search(output)
        crash = CRASH.search(output)
        checks = [
            (returncode not in (124, 137), "GIMP finished in time"),
            (returncode == 0, f"GIMP exited with status 0 (got {returncode})"),
            (results > 0, "Script-Fu tests ran"),
            (not batch_error,
             "no batch command failed" + (f" ({batch_error.group(0)!r})" if batch_error else "")),
            ("inconsistent" not in output, "no inconsistent undo"),
            (bool(crash) == crash_expected,
             ("GIMP saw the plug-in die" if crash_expected else "no crash")
             + (f" ({crash.group(0)!r})" if crash else "")),
        ] + ([] if expected_notices is None else [
            (output.count(RANDOM_FEATURES_NOTICE) == expected_notices,
             f"random-features notice shown {expected_notices} time(s)")])
        checks += [(ended.count(name) == 1, f"{name} ran to its end (one END line)")
                   for name in files]
        before = self.failed
        for ok, name in checks:
            self.record(ok, f"{label}: {name}")
        if self.failed > before:
            print(f"----- GIMP output ({label}) -----\n{output}\n-----", flush=True)


class Killer(threading.Thread):
    """SIGKILLs the first run of the plug-in installed at `executable` (a process of it
    with GIMP's -run argument) once it has been seen running for KILL_AFTER_S."""

    def __init__(self, executable):
        super().__init__(daemon=True)
        self.executable = os.path.realpath(executable)
        self.done = threading.Event()
        self.killed = False

    def run_of_plugin(self):
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                exe = os.readlink(f"/proc/{pid}/exe")
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    args = f.read().split(b"\0")
            except OSError:
                continue
            if exe == self.executable and b"-run" in args:
                return int(pid)
        return None

    def run(self):
        seen = {}
        while not self.done.wait(0.2):
            pid = self.run_of_plugin()
            if pid is None:
                continue
            seen.setdefault(pid, time.monotonic())
            if time.monotonic() - seen[pid] >= KILL_AFTER_S:
                os.kill(pid, signal.SIGKILL)
                self.killed = True
                return


def killed_session(tally, gimp, version, tests_dir, plugin, env, network):
    """Runs test_killed.scm while a Killer watches the plug-in, and checks it killed."""
    killer = Killer(plugin)
    killer.start()
    try:
        result = run_gimp(gimp, version, tests_dir, [KILLED_FILE], env, network)
    finally:
        killer.done.set()
        killer.join()
    tally.record(killer.killed, f"killed: the plug-in was killed after {KILL_AFTER_S} s")
    # A killed run may have told the user of the built-in network, but never recorded that
    # it did (that happens after the run), so the next run may tell again.
    tally.session("killed", *result, None, crash_expected=True)


def same_pixels(path, reference):
    """Whether two image files hold the same RGB pixels; what differs, when they do not."""
    with Image.open(path) as a, Image.open(reference) as b:
        a, b = a.convert("RGB"), b.convert("RGB")
        if a.size != b.size:
            return False, f"sizes {a.size} and {b.size}"
        differences = [abs(x - y) for x, y in zip(a.tobytes(), b.tobytes()) if x != y]
    if not differences:
        return True, "identical"
    return False, f"{len(differences)} values differ, by up to {max(differences)}"


def same_as_cli_sessions(tally, gimp, version, tests_dir, cli, environment_of, network,
                         root):
    """Same seed, same pixels: test_same_as_cli.scm in two sessions, each with fresh
    caches, and neural-style-cli on the same files with the same settings."""
    results = []
    for run in (1, 2):
        folder = tempfile.mkdtemp(dir=root, prefix="same-as-cli-")
        made_up_images(folder, "content.png", "style.png")
        tally.session(f"same as CLI {run}",
                      *run_gimp(gimp, version, tests_dir, [SAME_AS_CLI_FILE], environment_of(),
                                network, folder=folder),
                      0 if network == "pretrained" else 1)
        results.append(os.path.join(folder, "gimp.png"))
    output = os.path.join(folder, "cli.png")
    done = subprocess.run([cli, "--content", os.path.join(folder, "content.png"),
                           "--style", os.path.join(folder, "style.png"), "--output", output,
                           *SAME_AS_CLI_SETTINGS],
                          env=environment_of(), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, errors="replace")
    tally.record(done.returncode == 0, f"same as CLI: the command line succeeded "
                                       f"(status {done.returncode})")
    if done.returncode != 0:
        print(f"----- neural-style-cli output -----\n{done.stdout}\n-----", flush=True)
        return
    for run, path in enumerate(results, 1):
        same, detail = same_pixels(path, output) if os.path.isfile(path) else (False, "none")
        tally.record(same, f"same as CLI: GIMP's run {run} has the command line's pixels "
                           f"({detail})")


def readme_gimp3_command(readme):
    """The README's GIMP 3 batch example, as an argument list: the first ```sh block after
    its heading "### In GIMP 3"."""
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    section = text[text.index("\n### In GIMP 3\n"):]
    block = re.search(r"^```sh\n(.*?)^```$", section, re.MULTILINE | re.DOTALL).group(1)
    return shlex.split(block)


def made_up_images(folder, photo_name, painting_name):
    """A made-up photo (a gradient) and painting (yellow and blue stripes) in `folder`,
    under the names given (their extensions pick the formats)."""
    photo = Image.new("RGB", (64, 48))
    photo.putdata([(x * 4, y * 5, 128) for y in range(48) for x in range(64)])
    photo.save(os.path.join(folder, photo_name))
    painting = Image.new("RGB", (48, 48))
    painting.putdata([(230, 180, 20) if ((x + y) // 6) % 2 else (20, 30, 90)
                      for y in range(48) for x in range(48)])
    painting.save(os.path.join(folder, painting_name))


def readme_session(tally, gimp, readme, env, folder):
    """Runs the README's GIMP 3 example word for word, but for the path of `gimp`, in
    `folder` (where its relative file names point), and checks what it promises: GIMP
    exits 0 and out.png is the photo, stylised."""
    command = readme_gimp3_command(readme)
    tally.record(command[0] == "gimp-console-3.0", "README: the example runs gimp-console-3.0")
    made_up_images(folder, "photo.jpg", "painting.jpg")
    done = subprocess.run(["timeout", str(GIMP_TIMEOUT_S), gimp] + command[1:], env=env,
                          cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, errors="replace")
    out = os.path.join(folder, "out.png")
    failed = tally.failed
    tally.record(done.returncode == 0, f"README: GIMP exited with status 0 (got {done.returncode})")
    tally.record(not CRASH.search(done.stdout), "README: no crash")
    tally.record(os.path.isfile(out), "README: the example writes out.png")
    if os.path.isfile(out):
        with Image.open(out) as result, Image.open(os.path.join(folder, "photo.jpg")) as photo:
            tally.record(result.size == photo.size, f"README: out.png has the photo's size "
                                                    f"({result.size})")
            difference = ImageStat.Stat(ImageChops.difference(result.convert("RGB"), photo))
            tally.record(max(difference.mean) > 2, "README: out.png is the photo, stylised "
                                                    f"(mean difference {difference.mean})")
    if tally.failed > failed:
        print(f"----- GIMP output (README) -----\n{done.stdout}\n-----", flush=True)


def weights_installed(models_dir):
    return os.path.isfile(os.path.join(models_dir, WEIGHTS_FILE))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plugin", help="the built plug-in executable")
    parser.add_argument("--gimp", default="gimp-console-2.10")
    parser.add_argument("--gimp-version", type=int, choices=(2, 3),
                        help="the major version of --gimp (default: ask it)")
    parser.add_argument("--system-plugins", required=True, help="GIMP's own plug-ins folder")
    parser.add_argument("--models-dir", required=True,
                        help="the installed models folder (the engine's last weights lookup)")
    parser.add_argument("--paintings", required=True,
                        help="the built-in paintings' folder in the source tree")
    parser.add_argument("--cli", required=True, help="the built neural-style-cli")
    args = parser.parse_args()
    tests_dir = os.path.dirname(os.path.abspath(__file__))
    version = args.gimp_version or gimp_major(gimp_version(args.gimp))
    files = TEST_FILES + (GIMP3_TEST_FILES if version >= 3 else GIMP2_TEST_FILES)
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="neural-style-gimp-") as root:
        good_plugins = os.path.join(root, "plug-ins")
        folder = os.path.dirname(install_plugin(args.plugin, good_plugins,
                                                paintings=args.paintings))
        env = environment(root, good_plugins, args.system_plugins, version)
        # Installed weights cannot be hidden from the engine's lookup; then they are used.
        pretrained = weights_installed(args.models_dir)
        network = "pretrained" if pretrained else "built-in"
        tally.session("main", *run_gimp(args.gimp, version, tests_dir, files, env, network,
                                        os.path.join(folder, "paintings")),
                      0 if pretrained else 1)

        same_as_cli_sessions(
            tally, args.gimp, version, tests_dir, args.cli,
            lambda: environment(root, good_plugins, args.system_plugins, version), network, root)

        plugins = os.path.join(root, "plug-ins-killed")
        executable = install_plugin(args.plugin, plugins)
        killed_session(tally, args.gimp, version, tests_dir, executable,
                       environment(root, plugins, args.system_plugins, version), network)

        plugins = os.path.join(root, "plug-ins-with-weights")
        folder = os.path.dirname(install_plugin(args.plugin, plugins))
        with open(os.path.join(folder, WEIGHTS_FILE), "wb") as f:
            f.write(b"\x10\x00\x00\x00\x00\x00\x00\x00not json at all")
        env = environment(root, plugins, args.system_plugins, version)
        broken = [WEIGHTS_FAILURE_FILE]
        if version >= 3 and not os.path.isdir(os.path.join(args.models_dir, "paintings")):
            broken.append(PAINTING_MISSING_FILE)
        tally.session("weights", *run_gimp(args.gimp, version, tests_dir, broken, env,
                                           "pretrained"),
                      0)
        if version >= 3:
            plugins = os.path.join(root, "plug-ins-with-a-damaged-painting")
            folder = os.path.dirname(install_plugin(args.plugin, plugins,
                                                    paintings=args.paintings))
            painting = os.path.join(folder, "paintings", "shipwreck.jpg")
            with open(painting, "rb") as f:
                whole = f.read()
            with open(painting, "wb") as f:
                f.write(whole[:len(whole) // 2])
            env = environment(root, plugins, args.system_plugins, version)
            tally.session("damaged painting",
                          *run_gimp(args.gimp, version, tests_dir, [PAINTING_DAMAGED_FILE], env,
                                    network, os.path.join(folder, "paintings")),
                          0 if pretrained else 1)
            folder = tempfile.mkdtemp(dir=root, prefix="readme-")
            readme_session(tally, args.gimp, os.path.join(tests_dir, "..", "..", "README.md"),
                           environment(root, good_plugins, args.system_plugins, version),
                           folder)
    print(f"{tally.passed} passed, {tally.failed} failed")
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
