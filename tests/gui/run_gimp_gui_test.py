#!/usr/bin/python3
"""GUI test of the plug-in in real GIMP, under Xvfb with a window manager.

GIMP runs in German with a fresh profile, the built plug-in and its catalogues in a
temporary plug-ins folder, and Script-Fu's server on a loopback port: the test reads the
image's state through it, never changes the image through it after the setup. Steps:

1. Through the server: a two-layer image in a window, and one batch run with a small
   size and few iterations, whose result is removed again. That makes those the last
   values, which the dialog must restore.
2. In the GUI: the action search ("/") finds the filter by its German menu label, which
   shows that GIMP translates the label with the plug-in's catalogue; the German dialog
   opens, and its OK runs the filter: exactly one new layer, made with the last values.
3. Ctrl+Z removes the new layer in one step; Ctrl+F repeats the filter with the last
   values, adding it again.
4. Shift+Ctrl+F shows the dialog again; with a budget of 100000 iterations, "Stop and
   Keep" in the run window ends the run early and keeps its image as a new layer; a
   second time, "Cancel" in the run window leaves the image as it was.

Screenshots are saved along the way and their paths printed. Every wait polls with a
time limit; every process is stopped at the end, however the test ends.
"""

import argparse
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from xsession import XSession, wait_for  # noqa: E402

DOMAIN = "gimp-neural-style"
LANGUAGE = "de"
STARTUP_TIMEOUT_S = 120
WINDOW_TIMEOUT_S = 30
RUN_TIMEOUT_S = 120
# The batch run that sets the last values: size 32, 8 iterations, seed 7.
LAST_SIZE, LAST_ITERATIONS = 32, 8
# A budget no run here finishes: the runs that are stopped or cancelled.
ENDLESS = 100000


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


def scheme_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def translated(text, domain, locale_dir=None):
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE=LANGUAGE)
    if locale_dir:
        env["TEXTDOMAINDIR"] = locale_dir
    return subprocess.run(["gettext", "-d", domain, text], env=env, stdout=subprocess.PIPE,
                          text=True, check=True).stdout


def mnemonic(label):
    return label[label.index("_") + 1].lower()


def install_plugin(plugin, locale_dir, plugins):
    """Returns the installed executable."""
    folder = os.path.join(plugins, "neural-style")
    os.makedirs(folder)
    executable = shutil.copy2(plugin, os.path.join(folder, "neural-style"))
    source = os.path.join(locale_dir, LANGUAGE, "LC_MESSAGES", DOMAIN + ".mo")
    target = os.path.join(folder, "locale", LANGUAGE, "LC_MESSAGES")
    os.makedirs(target)
    shutil.copy2(source, target)
    return executable


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


def layers(sf, image):
    """The image's layer IDs, top first."""
    text = sf("(gimp-image-get-layers %d)" % image)  # "(2 #(5 4))"
    start = text.index("#(") + 2
    return [int(n) for n in text[start:text.index(")", start)].split()]


def wait_layers(sf, image, count, what):
    return wait_for(lambda: (lambda ids: ids if len(ids) == count else None)(layers(sf, image)),
                    RUN_TIMEOUT_S, what)


def setting(settings, key):
    """A number from a settings record ("key=value" lines)."""
    values = dict(line.split("=", 1) for line in settings.splitlines() if "=" in line)
    return float(values[key])


def settings_of(sf, layer):
    """The result's settings record; Script-Fu prints its newlines as \\n."""
    text = sf('(caddr (car (gimp-item-get-parasite %d "neural-style-settings")))' % layer)
    return text.replace("\\n", "\n")


class Test:
    def __init__(self, args, x, root):
        self.args = args
        self.x = x
        self.root = root
        self.failed = 0
        self.shot = 0
        self.gimp = None

    def check(self, ok, name, detail=""):
        print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + str(detail)), flush=True)
        self.failed += 0 if ok else 1
        return ok

    def screenshot(self, what):
        self.shot += 1
        self.x.screenshot(os.path.join(self.args.screenshots, "gimp-%d-%s.png" % (self.shot, what)))

    def start_gimp(self):
        plugins = os.path.join(self.root, "plug-ins")
        self.plugin = install_plugin(self.args.plugin, self.args.locale_dir, plugins)
        env = self.x.env()
        env.pop("NEURAL_STYLE_WEIGHTS", None)
        env.update(LC_ALL="C.UTF-8", LANGUAGE=LANGUAGE,
                   GIMP2_DIRECTORY=os.path.join(self.root, "profile"),
                   XDG_DATA_HOME=os.path.join(self.root, "data"),
                   XDG_CONFIG_HOME=os.path.join(self.root, "config"),
                   GIMP_TESTING_PLUGINDIRS=plugins + os.pathsep + self.args.system_plugins)
        port = free_port()
        server = '(plug-in-script-fu-server RUN-NONINTERACTIVE "127.0.0.1" %d %s)' % (
            port, scheme_string(os.path.join(self.root, "script-fu-server.log")))
        self.gimp = self.x.start([self.args.gimp, "--no-splash", "--no-data", "--no-fonts",
                                  "--console-messages", "--batch-interpreter",
                                  "plug-in-script-fu-eval", "-b", server], env, "gimp.log")
        self.sf = ScriptFu(port)
        wait_for(self.sf.ready, STARTUP_TIMEOUT_S, "GIMP and its Script-Fu server", interval=1)
        os.environ["DISPLAY"] = self.x.display  # for xdotool

    def set_up_image(self):
        """A two-layer image in a window, and last values from one batch run."""
        self.image = int(self.sf(
            '(let* ((img (car (gimp-image-new 64 48 RGB)))'
            ' (a (car (gimp-layer-new img 64 48 RGB-IMAGE "Photo" 100 LAYER-MODE-NORMAL)))'
            ' (b (car (gimp-layer-new img 64 48 RGB-IMAGE "Painting" 100 LAYER-MODE-NORMAL))))'
            ' (gimp-image-insert-layer img b 0 0) (gimp-image-insert-layer img a 0 1)'
            ' (plug-in-plasma RUN-NONINTERACTIVE img a 1 2.5)'
            ' (plug-in-plasma RUN-NONINTERACTIVE img b 2 2.5)'
            ' (gimp-image-set-active-layer img a) (gimp-display-new img) img)'))
        painting, photo = layers(self.sf, self.image)
        result = self.sf('(car (plug-in-neural-style RUN-NONINTERACTIVE %d %d %d -1 0.5 10 1 1'
                         ' %d %d 1 0 7))' % (self.image, photo, painting, LAST_SIZE,
                                              LAST_ITERATIONS))
        self.sf("(gimp-image-remove-layer %d %s)" % (self.image, result))
        self.sf("(gimp-image-set-active-layer %d %d)" % (self.image, photo))
        self.before = layers(self.sf, self.image)
        self.check(self.before == [painting, photo], "setup: two layers", self.before)

    def image_window(self):
        found = window(" GIMP$")
        xdotool("windowactivate", "--sync", found)
        return found

    def run_from_action_search(self):
        label = translated("Neural Style _Transfer…", DOMAIN, self.args.locale_dir)
        self.check(label != "Neural Style _Transfer…", "the menu label has a German translation",
                   label)
        self.image_window()
        xdotool("key", "slash")
        window(translated("Search Actions", "gimp20"))
        xdotool("type", "--delay", "30", label.replace("_", "").split()[0])
        self.screenshot("action-search")
        xdotool("key", "Return")
        title = translated("Neural Style Transfer", DOMAIN, self.args.locale_dir)
        dialog = window("^%s$" % title)
        self.check(True, "the German menu label finds the filter; the German dialog opens")
        xdotool("mousemove", "0", "0")  # no tooltip in the screenshot
        time.sleep(0.5)  # for the screenshot only: the estimate's first refresh
        self.screenshot("dialog")
        xdotool("windowactivate", "--sync", dialog)
        xdotool("key", "alt+" + mnemonic(translated("_OK", DOMAIN, self.args.locale_dir)))

    def tr(self, text):
        return translated(text, DOMAIN, self.args.locale_dir)

    def reshow_and_start(self, iterations=None):
        """Shift+Ctrl+F: the dialog with the last values; OK after setting the iterations.
        Returns the run window."""
        # A result becomes the active layer: make the photo the content again.
        self.sf("(gimp-image-set-active-layer %d %d)" % (self.image, self.before[1]))
        self.image_window()
        xdotool("key", "shift+ctrl+f")
        dialog = window("^%s$" % self.tr("Neural Style Transfer"))
        xdotool("windowactivate", "--sync", dialog)
        if iterations:
            xdotool("key", "alt+" + mnemonic(self.tr("_Iterations:")), "ctrl+a")
            xdotool("type", str(iterations))
            xdotool("key", "Tab")  # a spin button takes typed text when it loses focus
        xdotool("key", "alt+" + mnemonic(self.tr("_OK")))
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
        ids = wait_layers(self.sf, self.image, len(before) + 1, "Stop and Keep")
        new = [layer for layer in ids if layer not in before]
        settings = settings_of(self.sf, new[0])
        budget, done = setting(settings, "iterations"), setting(settings, "iterations-done")
        self.check(budget == ENDLESS and 0 < done < ENDLESS,
                   "Stop and Keep keeps the image after %g of %g iterations" % (done, budget),
                   settings)

    def cancel(self):
        before = layers(self.sf, self.image)
        run = self.reshow_and_start()
        xdotool("windowactivate", "--sync", run)
        xdotool("key", "alt+" + mnemonic(self.tr("_Cancel")))
        wait_for(lambda: not running(self.plugin), RUN_TIMEOUT_S, "the plug-in to end")
        after = layers(self.sf, self.image)
        self.check(after == before, "Cancel leaves the image as it was", after)

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
        self.check(ids.index(new[0]) == ids.index(self.before[1]) - 1,
                   what + ": directly above the content layer", ids)

    def run(self):
        self.start_gimp()
        self.set_up_image()
        self.screenshot("image")
        self.run_from_action_search()
        self.check_result(wait_layers(self.sf, self.image, 3, "the dialog's run"), "dialog run")
        self.screenshot("result")
        self.image_window()
        xdotool("key", "ctrl+z")
        after_undo = wait_layers(self.sf, self.image, 2, "Ctrl+Z")
        self.check(after_undo == self.before, "Ctrl+Z removes the result in one step", after_undo)
        xdotool("key", "ctrl+f")
        self.check_result(wait_layers(self.sf, self.image, 3, "Ctrl+F"), "Ctrl+F")
        self.screenshot("repeated")
        self.stop_and_keep()
        self.cancel()
        try:
            self.sf("(gimp-quit 1)")
        except ConnectionError:
            pass  # GIMP went before answering
        try:
            self.gimp.wait(30)
        except subprocess.TimeoutExpired:
            self.check(False, "GIMP quits")

    def check_log(self):
        if not self.gimp:
            return
        with open(os.path.join(self.root, "gimp.log"), errors="replace") as f:
            log = f.read()
        for bad in ("crashed", "inconsistent", "Execution error", "Ausführungsfehler"):
            self.check(bad not in log, "GIMP's log has no %r" % bad)
        if self.failed:
            print("----- GIMP log -----\n%s\n-----" % log, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plugin", help="the built plug-in")
    parser.add_argument("--gimp", default="gimp-2.10")
    parser.add_argument("--system-plugins", required=True, help="GIMP's own plug-ins folder")
    parser.add_argument("--locale-dir", required=True,
                        help="the built catalogues: <dir>/<lang>/LC_MESSAGES/*.mo")
    parser.add_argument("--screenshots", required=True, help="folder for the screenshots")
    args = parser.parse_args()
    os.makedirs(args.screenshots, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="neural-style-gui-") as root:
        with XSession(root, window_manager=True) as x:
            test = Test(args, x, root)
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
