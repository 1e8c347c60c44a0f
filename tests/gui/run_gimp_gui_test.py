#!/usr/bin/python3
"""GUI test of the plug-in in real GIMP 2.10 or 3.0, under Xvfb with a window manager.

GIMP runs in German with a fresh profile, the built plug-in and its catalogues in a
temporary plug-ins folder, and Script-Fu's server on a loopback port (GIMP 3.0 still has
plug-in-script-fu-server, with the same protocol): the test reads the image's state
through it, and changes the image through it only to set a step up (the image, which
layers are selected). The version of the GIMP it runs (--gimp) picks the few Script-Fu
calls and habits that differ (classes Gimp2 and Gimp3). Steps:

1. Through the server: an image with the layers Painting, Photo and Sketch in a window,
   Photo selected. GIMP 2.10: one batch run with a small size and few iterations, whose
   result is removed again, makes those the last values, which the dialog must restore.
   GIMP 3.0 keeps the values of interactive runs only, so there they are typed into the
   dialog.
2. In the GUI: the action search ("/") finds the filter by its German menu label, which
   shows that GIMP translates the label with the plug-in's catalogue; the German dialog
   opens, and its OK runs the filter: exactly one new layer, directly above Photo, made
   with those values.
3. Ctrl+Z removes the new layer in one step; Ctrl+F repeats the filter with the last
   values, adding it again.
4. GIMP 3.0 only: with Photo and Sketch selected, Ctrl+F adds a layer above each, and one
   Ctrl+Z removes both.
5. Shift+Ctrl+F shows the dialog again; with a budget of 100000 iterations, "Stop and
   Keep" in the run window ends the run early and keeps its image as a new layer; a
   second time, "Cancel" in the run window leaves the image as it was.

Screenshots are saved along the way and their paths printed. Every wait polls with a
time limit; every process is stopped at the end, however the test ends.

German needs a locale other than C: glibc 2.41 (Debian 13) ignores LANGUAGE under
C.UTF-8 as under C, and these machines have no German locale. So the test copies C.UTF-8
under the name de_DE.UTF-8 (LOCPATH, gimp_harness.speak): German messages, C formats.
"""

import argparse
import re
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, "..", "harness")]
from gimp_harness import (DOMAIN, gimp_major, gimp_version, install_plugin,  # noqa: E402
                          scheme_string, speak)
from gimp_harness import translated as translated_in  # noqa: E402
from xsession import XSession, wait_for  # noqa: E402

LANGUAGE = "de"
STARTUP_TIMEOUT_S = 120
WINDOW_TIMEOUT_S = 30
RUN_TIMEOUT_S = 120
# The batch run that sets the last values: size 32, 8 iterations, seed 7.
LAST_SIZE, LAST_ITERATIONS = 32, 8
# A budget no run here finishes: the runs that are stopped or cancelled.
ENDLESS = 100000
# GIMP's messages about a failed or crashed plug-in: none may appear in its log.
GIMP_FAILURES = (
    "Execution error for '%s':\n%s",
    "Calling error for '%s':\n%s",
    'Plug-in crashed: "%s"\n(%s)\n\nThe dying plug-in may have messed up GIMP\'s internal '
    "state. You may want to save your images and restart GIMP to be on the safe side.",
)


class Gimp2:
    """What differs in GIMP 2.10: Script-Fu calls (in the scope of an image `img`), the
    profile, catalogues and habits."""

    profile_variable = "GIMP2_DIRECTORY"
    catalogue = "gimp20"
    # The settings dialog is the plug-in's own.
    button_catalogue = DOMAIN
    # Whether a non-interactive run's values become the last values (Repeat, the dialog).
    batch_sets_last_values = True
    # Whether a filter runs on all selected layers at once.
    several_layers = False

    def prepare_profile(self, profile):
        pass

    @staticmethod
    def new_layer(name):
        return '(car (gimp-layer-new img 64 48 RGB-IMAGE "%s" 100 LAYER-MODE-NORMAL))' % name

    @staticmethod
    def plasma(layer, seed):
        return "(plug-in-plasma RUN-NONINTERACTIVE img %s %d 2.5)" % (layer, seed)

    @staticmethod
    def select(layers):
        (layer,) = layers
        return "(gimp-image-set-active-layer img %d)" % layer

    # The open images: "(2 #(1 2))".
    images = "(gimp-image-list)"

    @staticmethod
    def neural_style(content, style, size, iterations):
        """A batch run: the new layer."""
        return ("(car (plug-in-neural-style RUN-NONINTERACTIVE img %d %d -1 0.5 10 1 1 %d %d 1 0"
                " 7))" % (content, style, size, iterations))


class Gimp3(Gimp2):
    profile_variable = "GIMP3_DIRECTORY"
    images = "(gimp-get-images)"  # "(#(1 2))"
    catalogue = "gimp30"
    # The settings dialog is a GimpProcedureDialog: libgimp's buttons.
    button_catalogue = "gimp30-libgimp"
    batch_sets_last_values = False
    several_layers = True

    def __init__(self, version):
        self.version = version

    def prepare_profile(self, profile):
        # No welcome dialog in front of the image window: GIMP 3.0 shows it on every start,
        # and on the first start of a version whatever the setting. No update check either.
        os.makedirs(profile)
        with open(os.path.join(profile, "gimprc"), "w") as f:
            f.write('(show-welcome-dialog no)\n(config-version "%s")\n(check-updates no)\n'
                    % self.version)

    @staticmethod
    def new_layer(name):
        return '(car (gimp-layer-new img "%s" 64 48 RGB-IMAGE 100 LAYER-MODE-NORMAL))' % name

    @staticmethod
    def plasma(layer, seed):
        # plug-in-plasma is gone; GEGL's plasma with a seed gives the same pixels every run.
        return ('(gimp-drawable-merge-new-filter %s "gegl:plasma" "Plasma" LAYER-MODE-REPLACE 1.0'
                ' "seed" %d "turbulence" 2.5 "x" 0 "y" 0 "width" 64 "height" 48)' % (layer, seed))

    @staticmethod
    def select(layers):
        return "(gimp-image-set-selected-layers img (vector %s))" % " ".join(map(str, layers))


def gimp_kind(gimp):
    """Gimp2() or Gimp3(version), from `gimp --version`."""
    version = gimp_version(gimp)
    return Gimp3(".".join(map(str, version))) if gimp_major(version) == 3 else Gimp2()


def speak_german(root):
    """Sets this process's locale, which GIMP and gettext inherit (gimp_harness.speak)."""
    env = speak(os.environ, LANGUAGE, root)
    os.environ.clear()
    os.environ.update(env)


class ScriptFu:
    """A client of plug-in-script-fu-server: one command per connection, answers as text."""

    def __init__(self, port):
        self.port = port

    def __call__(self, command, timeout=60):
        data = command.encode()
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as s:
            s.sendall(b"G" + struct.pack(">H", len(data)) + data)
            header = receive(s, 4)
            body = receive(s, struct.unpack(">H", header[2:4])[0]).decode(errors="replace")
        if header[0:1] != b"G" or header[1] != 0:
            raise RuntimeError("Script-Fu error for %s: %s" % (command, body))
        return body

    def ready(self):
        try:
            return self("(gimp-version)", timeout=5)
        except OSError:
            return None


def receive(sock, size):
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ConnectionError("Script-Fu server closed the connection")
        data += chunk
    return data


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def translated(text, domain, locale_dir=None):
    return translated_in(text, domain, os.environ, locale_dir)


def mnemonic(label):
    return label[label.index("_") + 1].lower()


def running(executable):
    """Whether a process runs `executable` (this test's own copy of the plug-in)."""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.readlink("/proc/%s/exe" % pid) == executable:
                return True
        except OSError:
            pass
    return False


def xdotool(*args, timeout=WINDOW_TIMEOUT_S):
    done = subprocess.run(["xdotool", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, timeout=timeout, env=os.environ)
    return done.stdout.split()


def window(name):
    """The first visible window whose title matches the regular expression `name`."""
    found = wait_for(lambda: xdotool("search", "--onlyvisible", "--name", name),
                     WINDOW_TIMEOUT_S, "a window named %r" % name)
    return found[0]


def ids(text):
    """The numbers of Script-Fu's first vector in `text`: "(2 #(5 4))" gives [5, 4]."""
    start = text.index("#(") + 2
    return [int(n) for n in text[start:text.index(")", start)].split()]


def layers(sf, image):
    """The image's layer IDs, top first."""
    return ids(sf("(gimp-image-get-layers %d)" % image))


def failure_markers(catalogue):
    """Pieces of GIMP's failure messages, in English and German, to look for in its log."""
    markers = ["inconsistent"]  # "left image undo in inconsistent state", not translated
    for message in GIMP_FAILURES:
        for text in (message, translated(message, catalogue)):
            markers.append(max(text.split("%s"), key=len).strip("()\n '"))
    return markers


def setting(settings, key):
    """A number from a settings record ("key=value" lines)."""
    values = dict(line.split("=", 1) for line in settings.splitlines() if "=" in line)
    return float(values[key])


def settings_of(sf, layer):
    """The result's settings record; Script-Fu prints its newlines as \\n."""
    text = sf('(caddr (car (gimp-item-get-parasite %d "neural-style-settings")))' % layer)
    return text.replace("\\n", "\n")


class Test:
    def __init__(self, args, x, root, gimp):
        self.args = args
        self.x = x
        self.root = root
        self.v = gimp  # Gimp2 or Gimp3
        self.failures = failure_markers(gimp.catalogue)
        self.failed = 0
        self.shot = 0
        self.gimp = None

    def check(self, ok, name, detail=""):
        print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + str(detail)), flush=True)
        self.failed += 0 if ok else 1
        return ok

    def expect_window(self, name, translated, what):
        """Checks `what`: a window whose title matches `name` appears, and its title is
        `translated`; returns the window. The test cannot go on without it."""
        try:
            found = window(name)
        except TimeoutError as error:
            self.check(False, what, error)
            raise
        self.check(translated, what, "the title is not translated: %r" % name)
        return found

    def screenshot(self, what):
        self.shot += 1
        self.x.screenshot(os.path.join(self.args.screenshots, "gimp-%d-%s.png" % (self.shot, what)))

    def tr(self, text):
        return translated(text, DOMAIN, self.args.locale_dir)

    def button(self, text):
        """The settings dialog's button `text`, in German."""
        return translated(text, self.v.button_catalogue, self.args.locale_dir)

    def start_gimp(self):
        plugins = os.path.join(self.root, "plug-ins")
        self.plugin = install_plugin(self.args.plugin, plugins, locale_dir=self.args.locale_dir,
                                     languages=[LANGUAGE])
        profile = os.path.join(self.root, "profile")
        self.v.prepare_profile(profile)
        env = self.x.env()
        env.pop("NEURAL_STYLE_WEIGHTS", None)
        env.update({self.v.profile_variable: profile,
                    "XDG_DATA_HOME": os.path.join(self.root, "data"),
                    "XDG_CONFIG_HOME": os.path.join(self.root, "config"),
                    # Every step of the budget: on this small image the endless runs that
                    # Stop and Keep and Cancel end would otherwise converge within a second
                    # and end by themselves, and the key meant for the run window would go
                    # to the image window.
                    "NEURAL_STYLE_CONVERGENCE": "0",
                    "GIMP_TESTING_PLUGINDIRS": plugins + os.pathsep + self.args.system_plugins})
        port = free_port()
        server = '(plug-in-script-fu-server RUN-NONINTERACTIVE "127.0.0.1" %d %s)' % (
            port, scheme_string(os.path.join(self.root, "script-fu-server.log")))
        self.gimp = self.x.start([self.args.gimp, "--no-splash", "--no-data", "--no-fonts",
                                  "--console-messages", "--batch-interpreter",
                                  "plug-in-script-fu-eval", "-b", server], env, "gimp.log")
        self.sf = ScriptFu(port)
        wait_for(self.sf.ready, STARTUP_TIMEOUT_S, "GIMP and its Script-Fu server", interval=1)
        os.environ["DISPLAY"] = self.x.display  # for xdotool

    def in_image(self, expression):
        """Evaluates a Script-Fu expression in which `img` is the test's image."""
        return self.sf("(let ((img %d)) %s)" % (self.image, expression))

    def select(self, *layers):
        self.in_image(self.v.select(layers))

    def set_up_image(self):
        """Painting, Photo and Sketch in a window, Photo selected; in GIMP 2.10, last values
        from one batch run."""
        v = self.v
        self.image = int(self.sf(
            '(let* ((img (car (gimp-image-new 64 48 RGB)))'
            ' (painting %s) (photo %s) (sketch %s))'
            ' (gimp-image-insert-layer img painting 0 0) (gimp-image-insert-layer img photo 0 1)'
            ' (gimp-image-insert-layer img sketch 0 2) %s %s %s (gimp-display-new img) img)' % (
                v.new_layer("Painting"), v.new_layer("Photo"), v.new_layer("Sketch"),
                v.plasma("painting", 2), v.plasma("photo", 1), v.plasma("sketch", 3))))
        self.before = layers(self.sf, self.image)
        self.check(len(self.before) == 3, "setup: three layers", self.before)
        self.painting, self.photo, self.sketch = self.before
        if v.batch_sets_last_values:
            result = self.in_image(v.neural_style(self.photo, self.painting, LAST_SIZE,
                                                  LAST_ITERATIONS))
            self.in_image("(gimp-image-remove-layer img %s)" % result)
        self.select(self.photo)
        # The whole screen, so that the screenshots show the layers.
        xdotool("windowsize", window(" GIMP$"), "100%", "100%")

    def image_window(self):
        found = window(" GIMP$")
        xdotool("windowactivate", "--sync", found)
        return found

    def type_into(self, label, value):
        """Types `value` into the dialog's entry labelled `label` (English, with mnemonic)."""
        xdotool("key", "alt+" + mnemonic(self.tr(label)), "ctrl+a")
        xdotool("type", str(value))
        xdotool("key", "Tab")  # a spin button takes typed text when it loses focus

    def run_from_action_search(self):
        label = self.tr("Neural Style _Transfer…")
        self.check(label != "Neural Style _Transfer…", "the menu label has a German translation",
                   label)
        self.image_window()
        xdotool("key", "slash")
        window(translated("Search Actions", self.v.catalogue))
        xdotool("type", "--delay", "30", label.replace("_", "").split()[0])
        self.screenshot("action-search")
        xdotool("key", "Return")
        title = self.tr("Neural Style Transfer")
        dialog = self.expect_window("^%s$" % title, title != "Neural Style Transfer",
                                    "the German menu label finds the filter; the German "
                                    "dialog opens")
        xdotool("windowactivate", "--sync", dialog)
        if not self.v.batch_sets_last_values:
            self.type_into("Working si_ze:", LAST_SIZE)
            self.type_into("_Iterations:", LAST_ITERATIONS)
        xdotool("mousemove", "0", "0")  # no tooltip in the screenshot
        # For the screenshot only: the estimate's first refresh, after the calibration of
        # a new profile (a second or two).
        time.sleep(3)
        self.screenshot("dialog")
        self.show_help(dialog)
        xdotool("windowactivate", "--sync", dialog)
        xdotool("key", "alt+" + mnemonic(self.button("_OK")))

    def show_help(self, dialog):
        """The dialog's Help shows the plug-in's own help window, in German, and the dialog
        stays open."""
        xdotool("windowactivate", "--sync", dialog)
        xdotool("key", "alt+" + mnemonic(self.tr("_Help")))
        title = self.tr("Neural Style Transfer Help")
        help_window = self.expect_window("^%s$" % title, title != "Neural Style Transfer Help",
                                         "Help shows the plug-in's help in German")
        self.screenshot("help")
        xdotool("windowactivate", "--sync", help_window)
        xdotool("key", "alt+" + mnemonic(self.tr("_Close")))
        wait_for(lambda: not xdotool("search", "--onlyvisible", "--name",
                                     "^%s$" % self.tr("Neural Style Transfer Help")),
                 WINDOW_TIMEOUT_S, "the help window to close")

    def reshow_and_start(self, iterations):
        """Shift+Ctrl+F on Photo: the dialog with the last values; OK after setting the
        iterations. Returns the run window."""
        # A result becomes the selected layer: make the photo the content again.
        self.select(self.photo)
        self.image_window()
        xdotool("key", "shift+ctrl+f")
        dialog = window("^%s$" % self.tr("Neural Style Transfer"))
        xdotool("windowactivate", "--sync", dialog)
        self.type_into("_Iterations:", iterations)
        xdotool("key", "alt+" + mnemonic(self.button("_OK")))
        title = self.tr("%s in the style of %s") % ("Photo", "Painting")
        return window("^%s$" % title)

    def stop_and_keep(self):
        before = layers(self.sf, self.image)
        run = self.reshow_and_start(ENDLESS)
        # Not needed for the checks: a screenshot of the image evolving, and a stop in the
        # middle of the run rather than at its first step.
        time.sleep(3)
        self.screenshot("running")
        xdotool("windowactivate", "--sync", run)
        xdotool("key", "alt+" + mnemonic(self.tr("_Stop and Keep")))
        ids = self.wait_layers(len(before) + 1, "Stop and Keep")
        new = [layer for layer in ids if layer not in before]
        settings = settings_of(self.sf, new[0])
        budget, done = setting(settings, "iterations"), setting(settings, "iterations-done")
        self.check(budget == ENDLESS and 0 < done < ENDLESS,
                   "Stop and Keep keeps the image after %g of %g iterations" % (done, budget),
                   settings)

    def cancel(self):
        before = layers(self.sf, self.image)
        run = self.reshow_and_start(ENDLESS)
        xdotool("windowactivate", "--sync", run)
        xdotool("key", "alt+" + mnemonic(self.tr("_Cancel")))
        wait_for(lambda: not running(self.plugin), RUN_TIMEOUT_S, "the plug-in to end")
        after = layers(self.sf, self.image)
        self.check(after == before, "Cancel leaves the image as it was", after)

    def start_frames(self, iterations):
        """Filters ▸ Animation ▸ Neural Style Transfer (Frames)…, found by its full label in
        the action search, started with `iterations`. Returns the run window."""
        label = self.tr("Neural Style Transfer (Frames)…")
        self.image_window()
        xdotool("key", "slash")
        window(translated("Search Actions", self.v.catalogue))
        xdotool("type", "--delay", "30", label.rstrip("…"))
        xdotool("key", "Return")
        title = self.tr("Neural Style Transfer (Frames)")
        dialog = self.expect_window("^%s$" % re.escape(title),
                                    title != "Neural Style Transfer (Frames)",
                                    "the German frames label finds the procedure; its dialog "
                                    "opens, titled for frames")
        xdotool("windowactivate", "--sync", dialog)
        self.type_into("_Iterations:", iterations)
        xdotool("key", "alt+" + mnemonic(self.button("_OK")))
        return window("^%s$" % re.escape(title))

    def frames(self):
        """The three layers as frames, the bottom one (Sketch) first: Cancel makes no new
        image; Stop and Keep during the first frame makes a new image of its last iterate;
        the image itself keeps its layers. Cancel first: after Stop and Keep the new image
        is shown, and GIMP 3's action search then found no frames procedure to start."""
        before = ids(self.sf(self.v.images))
        xdotool("windowactivate", "--sync", self.start_frames(ENDLESS))
        xdotool("key", "alt+" + mnemonic(self.tr("_Cancel")))
        wait_for(lambda: not running(self.plugin), RUN_TIMEOUT_S, "the frames' run to end")
        after = ids(self.sf(self.v.images))
        self.check(after == before, "frames: Cancel makes no new image", after)
        xdotool("windowactivate", "--sync", self.start_frames(ENDLESS))
        time.sleep(3)
        xdotool("key", "alt+" + mnemonic(self.tr("_Stop and Keep")))
        wait_for(lambda: not running(self.plugin), RUN_TIMEOUT_S, "the frames' run to end")
        new = [image for image in ids(self.sf(self.v.images)) if image not in before]
        names = [self.sf("(car (gimp-item-get-name %d))" % layer).strip('"')
                 for image in new for layer in layers(self.sf, image)]
        self.check(names == ["Sketch"], "frames: Stop and Keep makes a new image of the "
                   "first frame", names)
        self.screenshot("frames")

    def check_result(self, ids, what):
        new = [layer for layer in ids if layer not in self.before]
        if not self.check(len(new) == 1, what + ": exactly one new layer", ids):
            return
        name = self.sf("(car (gimp-item-get-name %d))" % new[0])
        self.check("Painting" in name and "Photo" in name, what + ": named after both layers", name)
        settings = settings_of(self.sf, new[0])
        self.check(setting(settings, "size") == LAST_SIZE and
                   setting(settings, "iterations") == LAST_ITERATIONS,
                   what + ": made with the last values", settings)
        self.check(ids.index(new[0]) == ids.index(self.photo) - 1,
                   what + ": directly above the content layer", ids)

    def undo(self, count, what):
        """Ctrl+Z in the image window; the layers once the image has `count`."""
        self.image_window()
        xdotool("key", "ctrl+z")
        return self.wait_layers(count, what)

    def several_layers(self):
        """Ctrl+F on Photo and Sketch: a new layer above each, removed by one Ctrl+Z."""
        before = layers(self.sf, self.image)
        self.select(self.photo, self.sketch)
        self.image_window()
        xdotool("key", "ctrl+f")
        ids = self.wait_layers(len(before) + 2, "Ctrl+F on two layers")
        for content, name in ((self.photo, "Photo"), (self.sketch, "Sketch")):
            above = ids[ids.index(content) - 1]
            self.check(above not in before and
                       name in self.sf("(car (gimp-item-get-name %d))" % above),
                       "two layers selected: a new layer directly above " + name, ids)
        self.screenshot("two-layers")
        after = self.undo(len(before), "Ctrl+Z after two results")
        self.check(after == before, "one Ctrl+Z removes both new layers", after)

    def run(self):
        self.start_gimp()
        self.set_up_image()
        self.screenshot("image")
        self.run_from_action_search()
        self.check_result(self.wait_layers(4, "the dialog's run"), "dialog run")
        self.screenshot("result")
        after_undo = self.undo(3, "Ctrl+Z")
        self.check(after_undo == self.before, "Ctrl+Z removes the result in one step", after_undo)
        xdotool("key", "ctrl+f")
        self.check_result(self.wait_layers(4, "Ctrl+F"), "Ctrl+F")
        self.screenshot("repeated")
        if self.v.several_layers:
            self.several_layers()
        self.stop_and_keep()
        self.cancel()
        self.frames()
        try:
            self.sf("(gimp-quit 1)")
        except ConnectionError:
            pass  # GIMP went before answering
        try:
            self.gimp.wait(30)
        except subprocess.TimeoutExpired:
            self.check(False, "GIMP quits")

    def log(self):
        with open(os.path.join(self.root, "gimp.log"), errors="replace") as f:
            return f.read()

    def wait_layers(self, count, what):
        """The image's layers once it has `count` and the plug-in has ended (a new layer
        is in the image before its pixels and settings); gives up at once when GIMP logs a
        failure."""
        def counted():
            failure = next((bad for bad in self.failures if bad in self.log()), None)
            if failure:
                raise RuntimeError("GIMP logged %r waiting for %s" % (failure, what))
            ids = layers(self.sf, self.image)
            return ids if len(ids) == count and not running(self.plugin) else None
        return wait_for(counted, RUN_TIMEOUT_S, what)

    def check_log(self):
        if not self.gimp:
            return
        log = self.log()
        for bad in self.failures:
            self.check(bad not in log, "GIMP's log has no %r" % bad)
        if self.failed:
            print("----- GIMP log -----\n%s\n-----" % log, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plugin", help="the built plug-in")
    parser.add_argument("--gimp", default="gimp-2.10", help="gimp-2.10 or gimp-3.0")
    parser.add_argument("--system-plugins", required=True, help="GIMP's own plug-ins folder")
    parser.add_argument("--locale-dir", required=True,
                        help="the built catalogues: <dir>/<lang>/LC_MESSAGES/*.mo")
    parser.add_argument("--screenshots", required=True, help="folder for the screenshots")
    args = parser.parse_args()
    os.makedirs(args.screenshots, exist_ok=True)
    gimp = gimp_kind(args.gimp)
    with tempfile.TemporaryDirectory(prefix="neural-style-gui-") as root:
        speak_german(root)
        with XSession(root, window_manager=True) as x:
            test = Test(args, x, root, gimp)
            try:
                test.run()
            except Exception as error:  # a wait that timed out, a Script-Fu error
                test.check(False, "the test ran to its end", repr(error))
                test.screenshot("failure")
            test.check_log()
    print("%d failed" % test.failed)
    return 1 if test.failed else 0


if __name__ == "__main__":
    sys.exit(main())
