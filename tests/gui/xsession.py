"""A private X display for the GUI tests.

Xvfb picks a free display number itself (-displayfd), so tests can run beside each
other and beside a desktop; a window manager (openbox) runs on it when asked, since
GIMP's dialogs and keyboard focus need one. Every process started here, and the
programs run through run(), are stopped on leaving the `with` block, however it is left.
"""

import os
import signal
import subprocess
import time

from PIL import ImageGrab

START_TIMEOUT_S = 30


class XSession:
    def __init__(self, workdir, window_manager=False, screen="1280x1024x24"):
        self.workdir = workdir
        self.window_manager = window_manager
        self.screen = screen
        self.display = None
        self._processes = []

    def __enter__(self):
        try:
            self._start_xvfb()
            if self.window_manager:
                self._start_openbox()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc):
        # Newest first: GIMP before the window manager before the X server.
        for process in reversed(self._processes):
            stop(process)
        self._processes.clear()
        return False

    def env(self, base=None):
        env = dict(os.environ if base is None else base)
        env["DISPLAY"] = self.display
        env.pop("WAYLAND_DISPLAY", None)
        return env

    def start(self, command, env, log_name, pass_fds=()):
        """Starts a program on the display in its own process group (so that its children,
        GIMP's plug-ins, stop with it); its output goes to <workdir>/<log_name>."""
        log = open(os.path.join(self.workdir, log_name), "wb")
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True,
                                   pass_fds=pass_fds)
        log.close()
        self._processes.append(process)
        return process

    def screenshot(self, path):
        ImageGrab.grab(xdisplay=self.display).save(path)
        print("SCREENSHOT " + path, flush=True)
        return path

    def _start_xvfb(self):
        read_end, write_end = os.pipe()
        try:
            self.start(["Xvfb", "-displayfd", str(write_end), "-screen", "0", self.screen,
                        "-nolisten", "tcp"], dict(os.environ), "xvfb.log", (write_end,))
        finally:
            os.close(write_end)
        number = read_line(read_end, START_TIMEOUT_S)
        if not number.strip().isdigit():
            raise RuntimeError("Xvfb did not start (see xvfb.log)")
        self.display = ":" + number.strip()

    def _start_openbox(self):
        ready = os.path.join(self.workdir, "openbox-ready")
        # openbox runs its --startup command once it manages the screen.
        self.start(["openbox", "--startup", "touch " + ready], self.env(), "openbox.log")
        wait_for(lambda: os.path.exists(ready), START_TIMEOUT_S, "openbox to start")


def read_line(fd, timeout):
    """The first line written to pipe `fd` (closed afterwards)."""
    deadline = time.monotonic() + timeout
    data = b""
    os.set_blocking(fd, False)
    try:
        while not data.endswith(b"\n") and time.monotonic() < deadline:
            try:
                chunk = os.read(fd, 64)
            except BlockingIOError:
                chunk = None
            if chunk == b"":
                break
            if chunk:
                data += chunk
            else:
                time.sleep(0.05)
    finally:
        os.close(fd)
    return data.decode(errors="replace")


def wait_for(condition, timeout, what, interval=0.2):
    """Polls `condition` until it returns something true; raises TimeoutError naming
    `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError("timed out after %g s waiting for %s" % (timeout, what))
        time.sleep(interval)


def stop(process, grace=5):
    """Stops a process started by XSession.start and its process group."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # stragglers of the group
    except ProcessLookupError:
        pass
    process.wait()
