#!/usr/bin/python3
"""neural-style-cli end to end: real image files through GEGL, exit codes, messages, and
what each option does to the pixels (a few iterations on small images, the built-in
network)."""

import array
import json
import os
import re
import signal
import struct
import subprocess
import sys
import tempfile
import time
import unittest
import zlib

from PIL import Image

CLI = sys.argv.pop(1) if len(sys.argv) > 1 else "build/engine/cli/neural-style-cli"
HERE = os.path.dirname(os.path.abspath(__file__))
PAINTINGS = os.path.join(HERE, "..", "..", "models", "paintings")
# A VGG-19 of random weights in torchvision's layout (tests/fixtures).
FIXTURE_WEIGHTS = os.path.join(os.environ.get("NEURAL_STYLE_FIXTURES", ""),
                               "vgg19-random.safetensors")
# Device and precision pinned wherever pixels are compared: "auto" may pick CUDA in a CUDA
# build of libtorch, or another precision by measuring, and either would change them.
PINNED = ("--device", "cpu", "--precision", "fp32")
# The CLI's lines on a pipe (main.cpp): progress, and the summary at the end.
PROGRESS = re.compile(r"^scale (\d+)/(\d+) \((\d+)x(\d+)\)", re.MULTILINE)
SUMMARY = re.compile(r"^(Stopped early; wrote|Wrote) (.*) \((\d+) iterations, [^,]*, (\w+) (\w+),",
                     re.MULTILINE)


def gradient(path, size=(64, 48), mode="RGB"):
    image = Image.new(mode, size)
    bands = len(mode)
    image.putdata([tuple((x * 4 + y * 2 + b * 60) % 256 for b in range(bands)) if bands > 1
                   else (x * 4 + y * 2) % 256
                   for y in range(size[1]) for x in range(size[0])])
    image.save(path)


def stripes(path):
    image = Image.new("RGB", (48, 48))
    image.putdata([(230, 180, 20) if ((x + y) // 6) % 2 else (20, 30, 90)
                   for y in range(48) for x in range(48)])
    image.save(path)


def png_claiming(width, height):
    """A PNG whose header claims width x height RGB pixels, with one row of data."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) +
            chunk(b"IDAT", zlib.compress(b"\0" * 300)) + chunk(b"IEND", b""))


def scaled_weights(source, factor, path):
    """The safetensors file `source` with every weight (not bias) multiplied by `factor`."""
    with open(source, "rb") as f:
        raw = f.read()
    length = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + length])
    data = bytearray(raw[8 + length:])
    for name, tensor in header.items():
        if name.endswith(".weight"):
            begin, end = tensor["data_offsets"]
            values = array.array("f", bytes(data[begin:end]))
            data[begin:end] = array.array("f", (v * factor for v in values)).tobytes()
    with open(path, "wb") as f:
        f.write(raw[:8 + length] + bytes(data))
    return path


def checks(path):
    """A second style unlike stripes(): red and green squares, no diagonals."""
    image = Image.new("RGB", (48, 48))
    image.putdata([(200, 30, 40) if (x // 8 + y // 8) % 2 else (40, 190, 60)
                   for y in range(48) for x in range(48)])
    image.save(path)


def pixels(path):
    with Image.open(path) as image:
        return list(image.convert("RGB").getdata())


def ycbcr(rgb):
    """The engine's Y, Cb, Cr (image_tensor.cpp) of 8-bit RGB, on a 0..1 scale."""
    r, g, b = (c / 255 for c in rgb)
    return (0.299 * r + 0.587 * g + 0.114 * b,
            -0.168736 * r - 0.331264 * g + 0.5 * b,
            0.5 * r - 0.418688 * g - 0.081312 * b)


def mean_distance(a, b, channels):
    """The mean over pixels of the Euclidean distance of YCbCr `channels` (0 Y, 1 Cb, 2 Cr)."""
    total = 0.0
    for p, q in zip(a, b):
        p, q = ycbcr(p), ycbcr(q)
        total += sum((p[c] - q[c]) ** 2 for c in channels) ** 0.5
    return total / len(a)


def peak_threads(process):
    """Waits for `process`, sampling its thread count; returns the most seen."""
    peak = 0
    while process.poll() is None:
        try:
            with open(f"/proc/{process.pid}/status") as f:
                peak = max(peak, next(int(line.split()[1]) for line in f
                                      if line.startswith("Threads:")))
        except (OSError, StopIteration):
            pass  # between the exit and the poll
        time.sleep(0.005)
    return peak


class CliCase(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory(prefix="ns-cli-")
        # Random features, and GEGL's own data folder kept out of the way.
        self.env = dict(os.environ, XDG_DATA_HOME=self.path("data"))
        self.env.pop("NEURAL_STYLE_WEIGHTS", None)
        self.content = self.path("content.png")
        self.style = self.path("style.jpg")
        gradient(self.content)
        stripes(self.style)

    def tearDown(self):
        self.dir.cleanup()

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def command(self, *args):
        return [CLI, *args]

    def run_cli(self, *args):
        return subprocess.run(self.command(*args), env=self.env, capture_output=True, text=True,
                              timeout=300)

    def stylise(self, *extra, content=None, output=None, styles=None, iterations=5):
        style_args = [x for style in (styles or [self.style]) for x in ("--style", style)]
        return self.run_cli("--content", content or self.content, *style_args,
                            "--output", output or self.path("out.png"),
                            "--iterations", str(iterations), "--seed", "3", *extra)

    def stylised(self, name, *extra, **kwargs):
        """Pixels of a successful run written to `name`."""
        done = self.stylise(*extra, output=self.path(name), **kwargs)
        self.assertEqual(done.returncode, 0, done.stderr)
        return pixels(self.path(name))


class Cli(CliCase):
    def test_writes_a_stylised_image_of_the_contents_size(self):
        done = self.stylise()
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("built-in network", done.stderr)  # the user is told
        self.assertIn("neural-style-fetch-weights", done.stderr)
        with Image.open(self.path("out.png")) as out, Image.open(self.content) as content:
            self.assertEqual(out.size, content.size)
            self.assertEqual(out.mode, "RGB")
            self.assertNotEqual(list(out.getdata()), list(content.getdata()))
        self.assertEqual(sorted(os.listdir(self.dir.name)),
                         ["content.png", "data", "out.png", "style.jpg"])

    def test_grey_stays_grey_and_alpha_is_kept(self):
        grey = self.path("grey.png")
        gradient(grey, mode="L")
        self.assertEqual(self.stylise(content=grey, output=self.path("g.png")).returncode, 0)
        with Image.open(self.path("g.png")) as out:
            self.assertEqual(out.mode, "L")
        rgba = self.path("rgba.png")
        gradient(rgba, mode="RGBA")
        self.assertEqual(self.stylise(content=rgba, output=self.path("a.png")).returncode, 0)
        with Image.open(self.path("a.png")) as out, Image.open(rgba) as source:
            self.assertEqual(out.mode, "RGBA")
            self.assertEqual(list(out.getdata(3)), list(source.getdata(3)))

    def test_layers_can_be_chosen(self):
        done = self.stylise("--style-layers", "relu1_1,relu2_1", "--content-layer", "relu3_1")
        self.assertEqual(done.returncode, 0, done.stderr)

    def test_same_seed_same_file(self):
        pinned = ("--init", "noise") + PINNED
        first = self.stylise(*pinned, output=self.path("1.png"))
        second = self.stylise(*pinned, output=self.path("2.png"))
        self.assertEqual((first.returncode, second.returncode), (0, 0))
        self.assertEqual(pixels(self.path("1.png")), pixels(self.path("2.png")))

    def test_bad_usage_exits_2_with_a_message(self):
        for args, words in [((), "required"),
                            (("--bogus",), "Unknown"),
                            (("--content", "a", "--style", "b", "--output", "c",
                              "--iterations", "ten"), "whole number"),
                            (("--content", "a", "--style", "b", "--output", "c",
                              "--iterations", "0"), "iterations"),
                            (("--content", "a", "--style", "b", "--output", "c",
                              "--mix", "0.5"), "second"),
                            (("--content", "a", "--style", "b", "--output", "c",
                              "--optimizer", "sgd"), "lbfgs, adam"),
                            (("--content", "a", "--style", "b", "--output", "c",
                              "--style-layers", "relu1_1,pool9"), "pool9")]:
            done = self.run_cli(*args)
            self.assertEqual(done.returncode, 2, (args, done.stderr))
            self.assertIn(words, done.stderr)

    def test_failures_exit_1_with_a_message_and_leave_no_file(self):
        cases = [(("--content", self.path("missing.png")), "no such file"),
                 (("--output", self.path("no/such/folder/out.png")), "Cannot write"),
                 (("--weights", self.path("missing.safetensors")), "does not exist")]
        for args, words in cases:
            argv = {"--content": self.content, "--style": self.style,
                    "--output": self.path("out.png"), "--iterations": "2"}
            argv.update(dict(zip(args[::2], args[1::2])))
            done = self.run_cli(*[x for kv in argv.items() for x in kv])
            self.assertEqual(done.returncode, 1, (args, done.stderr))
            self.assertIn(words, done.stderr)
            self.assertFalse(os.path.exists(self.path("out.png")))
        with open(self.path("garbage.png"), "wb") as f:
            f.write(b"not an image at all" * 10)
        done = self.stylise(content=self.path("garbage.png"))
        self.assertEqual(done.returncode, 1, done.stderr)

    def test_hostile_files_are_refused_by_name_and_cause_and_nothing_is_written(self):
        os.mkdir(self.path("folder.png"))
        open(self.path("empty.png"), "wb").close()
        with open(self.content, "rb") as f:
            whole = f.read()
        with open(self.path("half.png"), "wb") as f:
            f.write(whole[:len(whole) // 2])
        with open(self.style, "rb") as f:
            jpeg = f.read()
        with open(self.path("half.jpg"), "wb") as f:
            f.write(jpeg[:len(jpeg) // 2])
        with open(self.path("bomb.png"), "wb") as f:  # 70 bytes that claim 100000x100000
            f.write(png_claiming(100000, 100000))
        cases = [("folder.png", "it is a folder"), ("empty.png", "the file is empty"),
                 ("half.png", "the file is damaged or cut short"),
                 ("half.jpg", "the file is damaged or cut short"),
                 ("bomb.png", "it claims 100000x100000 pixels")]
        for name, cause in cases:
            for role in ("content", "style"):
                kwargs = {"content": self.path(name)} if role == "content" else \
                    {"styles": [self.path(name)]}
                done = self.stylise(**kwargs)
                self.assertEqual(done.returncode, 1, (name, role, done.stderr))
                self.assertIn("Cannot read '%s': %s" % (self.path(name), cause), done.stderr)
                self.assertFalse(os.path.exists(self.path("out.png")), (name, role))

    def test_a_step_whose_loss_is_not_a_number_is_undone_and_said(self):
        # VGG-19 weights scaled until the Gram matrices near float's limit: a leap of L-BFGS
        # then overflows, is undone and the run goes on. Where exactly depends on libtorch's
        # summation and on the style and smoothness weights (pinned), so the factor is searched
        # for; beyond it the first step overflows (here: 11.0-11.2 undid a step, 11.4 failed).
        # 128 x 128, so that relu4_1, the deepest layer in use there, has its 256 positions.
        content, style = self.path("scream.png"), self.path("starry.png")
        for painting, path in (("the_scream.jpg", content), ("starry_night.jpg", style)):
            picture = Image.open(os.path.join(PAINTINGS, painting)).convert("RGB")
            picture.resize((128, 128)).save(path)
        said = None
        for tenths in range(102, 125):
            weights = scaled_weights(FIXTURE_WEIGHTS, tenths / 10, self.path("vgg19.safetensors"))
            if os.path.exists(self.path("out.png")):
                os.remove(self.path("out.png"))
            done = self.stylise("--weights", weights, "--convergence", "0", "--style-weight", "5",
                                "--tv-weight", "1", *PINNED, content=content, styles=[style],
                                iterations=40)
            if done.returncode != 0:
                self.assertIn("the loss was not a number on scale", done.stderr)
                self.assertFalse(os.path.exists(self.path("out.png")))
                continue
            said = re.search(r"; (\d+) steps were undone because their loss was not a number",
                             done.stderr)
            if said:
                break
        self.assertIsNotNone(said, "no factor from 10.2 to 12.4 gave a step to undo")
        self.assertTrue(os.path.exists(self.path("out.png")))

    def test_help(self):
        done = self.run_cli("--help")
        self.assertEqual(done.returncode, 0)
        self.assertIn("--preserve-colors", done.stdout)


class Options(CliCase):
    """Each option changes the run as it says; every check here fails for a front end that
    ignores its option."""

    def test_mix_weighs_the_second_style(self):
        second = self.path("style2.png")
        checks(second)
        both = [self.style, second]
        first_alone = self.stylised("a.png", *PINNED)
        second_alone = self.stylised("b.png", *PINNED, styles=[second])
        self.assertNotEqual(first_alone, second_alone, "the two styles must tell apart")
        # The second style's share of the Gram targets: none, all, or half of them.
        self.assertEqual(self.stylised("0.png", *PINNED, "--mix", "0", styles=both), first_alone)
        self.assertEqual(self.stylised("1.png", *PINNED, "--mix", "1", styles=both), second_alone)
        half = self.stylised("h.png", *PINNED, "--mix", "0.5", styles=both)
        self.assertNotEqual(half, first_alone)
        self.assertNotEqual(half, second_alone)

    def test_mix_needs_a_second_style_and_a_share(self):
        done = self.stylise("--mix", "0.5")
        self.assertEqual(done.returncode, 2, done.stderr)
        self.assertIn("--mix needs a second --style image.", done.stderr)
        done = self.stylise("--mix", "1.5", styles=[self.style, self.style])
        self.assertEqual(done.returncode, 2, done.stderr)
        self.assertIn("style-mix must be from 0 to 1.", done.stderr)
        self.assertFalse(os.path.exists(self.path("out.png")))

    def test_preserve_colors_keeps_the_contents_chroma(self):
        content = pixels(self.content)
        free = self.stylised("free.png", *PINNED, iterations=20)
        kept = self.stylised("kept.png", *PINNED, "--preserve-colors", iterations=20)
        chroma_free = mean_distance(free, content, (1, 2))
        chroma_kept = mean_distance(kept, content, (1, 2))
        # Kept: the content's Cb and Cr up to 8-bit rounding (about 0.002 each); the style's
        # yellow and blue pull the free run's far away.
        self.assertLess(chroma_kept, 0.005, chroma_free)
        self.assertGreater(chroma_free, 10 * chroma_kept)
        # Still stylised: the brightness is the stylised one, not the content's.
        self.assertGreater(mean_distance(kept, content, (0,)), 0.01)

    def test_size_caps_the_working_size_not_the_output(self):
        content = self.path("large.png")
        gradient(content, size=(96, 72))
        capped = self.stylise("--size", "32", content=content, output=self.path("capped.png"))
        full = self.stylise(content=content, output=self.path("full.png"))
        self.assertEqual((capped.returncode, full.returncode), (0, 0), capped.stderr + full.stderr)
        sizes = [(int(w), int(h)) for _, _, w, h in PROGRESS.findall(capped.stderr)]
        self.assertTrue(sizes, capped.stderr)
        self.assertEqual(sizes[-1], (32, 24), capped.stderr)
        self.assertLessEqual(max(max(s) for s in sizes), 32, capped.stderr)
        self.assertEqual(PROGRESS.findall(full.stderr)[-1][2:], ("96", "72"), full.stderr)
        for name in ("capped.png", "full.png"):
            with Image.open(self.path(name)) as out:
                self.assertEqual(out.size, (96, 72), name)
        self.assertNotEqual(pixels(self.path("capped.png")), pixels(self.path("full.png")))
        done = self.stylise("--size", "8")
        self.assertEqual(done.returncode, 2, done.stderr)
        self.assertIn("size must be 0", done.stderr)

    def test_precision_is_used_and_named(self):
        results = {}
        for precision in ("fp32", "bf16"):
            output = self.path(precision + ".png")
            done = self.stylise("--device", "cpu", "--precision", precision, output=output)
            self.assertEqual(done.returncode, 0, done.stderr)
            summary = SUMMARY.search(done.stderr)
            self.assertIsNotNone(summary, done.stderr)
            self.assertEqual(summary.group(4, 5), ("cpu", precision), done.stderr)
            with Image.open(output) as out:
                self.assertEqual(out.size, (64, 48))
            results[precision] = pixels(output)
        # bf16 convolutions round differently: other pixels, unless it was fp32 after all.
        self.assertNotEqual(results["fp32"], results["bf16"])

    def test_automatic_precision_is_measured_once_and_said(self):
        self.env.pop("NEURAL_STYLE_PRECISION", None)  # meson's test setup pins it
        self.env["XDG_CACHE_HOME"] = self.path("cache")
        first, second = (self.stylise("--device", "cpu") for _ in range(2))
        for done in (first, second):
            self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("Measuring this machine's speed", first.stderr)
        self.assertNotIn("Measuring", second.stderr)
        with open(self.path("cache/gimp-neural-style/speed")) as cache:
            choice = re.search(r"\tchoice=(fp32|bf16) ", cache.read())
        self.assertIsNotNone(choice)
        for done in (first, second):  # the measured choice is the one used
            self.assertEqual(SUMMARY.search(done.stderr).group(5), choice.group(1), done.stderr)
        self.env["NEURAL_STYLE_PRECISION"] = "fp16"
        done = self.stylise()
        self.assertEqual(done.returncode, 1, done.stderr)
        self.assertIn("NEURAL_STYLE_PRECISION must be fp32 or bf16, not 'fp16'", done.stderr)

    def threaded(self, threads, name):
        """Pixels and the peak thread count of a run on `threads` threads."""
        command = self.command("--content", self.content, "--style", self.style,
                               "--output", self.path(name), "--iterations", "5", "--seed", "3",
                               "--threads", str(threads), *PINNED)
        process = subprocess.Popen(command, env=self.env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True)
        peak = peak_threads(process)
        errors = process.stderr.read()
        process.stderr.close()
        self.assertEqual(process.returncode, 0, errors)
        return pixels(self.path(name)), peak

    def test_threads_are_used_and_each_count_is_reproducible(self):
        one, one_peak = self.threaded(1, "1a.png")
        two, two_peak = self.threaded(2, "2a.png")
        # Each count repeats its own pixels. One against two threads may differ: the
        # threads split sums differently, and floating-point addition is not associative.
        self.assertEqual(self.threaded(1, "1b.png")[0], one)
        self.assertEqual(self.threaded(2, "2b.png")[0], two)
        # A second thread for the arithmetic (OpenMP's team) exists only when asked for.
        self.assertGreater(two_peak, one_peak)

    def test_ctrl_c_writes_the_result_so_far(self):
        output = self.path("stopped.png")
        command = self.command("--content", self.content, "--style", self.style,
                               "--output", output, "--iterations", "100000", "--seed", "3")
        process = subprocess.Popen(command, env=self.env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True)
        lines = []
        for line in process.stderr:  # the first progress line: the handler is installed
            lines.append(line)
            if PROGRESS.match(line):
                process.send_signal(signal.SIGINT)
                break
        errors = "".join(lines) + process.stderr.read()
        process.stderr.close()
        self.assertEqual(process.wait(120), 0, errors)
        summary = SUMMARY.search(errors)
        self.assertIsNotNone(summary, errors)
        self.assertEqual(summary.group(1, 2), ("Stopped early; wrote", output), errors)
        self.assertLess(int(summary.group(3)), 100000, errors)
        with Image.open(output) as out, Image.open(self.content) as content:
            out.load()  # the whole file decodes
            self.assertEqual(out.size, content.size)
            self.assertEqual(out.mode, "RGB")


def moved(path, shift):
    """A 48x40 picture with texture, moved right by `shift` pixels."""
    import math
    image = Image.new("RGB", (48, 40))
    image.putdata([(int(128 + 90 * math.sin(0.4 * (x - shift)) * math.cos(0.3 * y)),
                    int(128 + 90 * math.sin(0.25 * (x - shift + y))), 60)
                   for y in range(40) for x in range(48)])
    image.save(path)


class Frames(CliCase):
    """--frames: patterns in, every frame out under its own number."""

    def frames_run(self, *extra, first=1, count=3):
        for i in range(count):
            moved(self.path("f-%03d.png" % (first + i)), 2 * i)
        return self.run_cli("--frames", "--content", self.path("f-%03d.png"), "--style",
                            self.style, "--output", self.path("o-%03d.png"),
                            "--iterations", "4", "--seed", "3", *extra, *PINNED)

    def test_every_frame_is_written_under_its_number(self):
        done = self.frames_run()
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("frame 3/3", done.stderr)
        self.assertIn("Wrote 3 of 3 frames", done.stderr)
        for i in (1, 2, 3):
            with Image.open(self.path("o-%03d.png" % i)) as out:
                self.assertEqual(out.size, (48, 40))
        self.assertFalse(os.path.exists(self.path("o-000.png")))
        self.assertFalse(os.path.exists(self.path("o-004.png")))

    def test_numbering_starts_at_0_when_frame_0_exists(self):
        done = self.frames_run("--temporal-weight", "0", first=0, count=2)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertTrue(os.path.exists(self.path("o-000.png")))
        self.assertTrue(os.path.exists(self.path("o-001.png")))
        self.assertIn("temporal weight 0", done.stderr)

    def test_the_temporal_weight_adds_a_second_pass_that_changes_every_frame(self):
        done = self.frames_run("--temporal-weight", "0")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertNotIn("pass", done.stderr)
        alone = [pixels(self.path("o-%03d.png" % i)) for i in (1, 2)]
        done = self.frames_run("--temporal-weight", "1000")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("pass 2/2  frame 1/3", done.stderr)
        # The second pass goes back to the first frame and holds it to the second.
        self.assertNotEqual(pixels(self.path("o-001.png")), alone[0])
        self.assertNotEqual(pixels(self.path("o-002.png")), alone[1])

    def test_bad_frames_usage(self):
        for args, words in [(("--frames", "--content", "a.png", "--style", "s", "--output",
                              "o-%d.png"), "one %d"),
                            (("--frames", "--content", "a-%d-%d.png", "--style", "s",
                              "--output", "o-%d.png"), "one %d"),
                            (("--frames", "--content", "a-%d.png", "--style", "s",
                              "--output", "o-%s.png"), "another"),
                            (("--content", "a", "--style", "s", "--output", "o",
                              "--temporal-weight", "3"), "needs --frames"),
                            (("--frames", "--content", "a-%d.png", "--style", "s",
                              "--output", "o-%d.png", "--temporal-weight", "-1"),
                             "temporal-weight")]:
            done = self.run_cli(*args)
            self.assertEqual(done.returncode, 2, (args, done.stderr))
            self.assertIn(words, done.stderr)

    def test_one_frame_or_none_fails_with_a_message(self):
        done = self.frames_run(count=1)
        self.assertEqual(done.returncode, 1, done.stderr)
        self.assertIn("at least two frames", done.stderr)
        done = self.run_cli("--frames", "--content", self.path("none-%d.png"), "--style",
                            self.style, "--output", self.path("o-%d.png"))
        self.assertEqual(done.returncode, 1, done.stderr)
        self.assertIn("no such file", done.stderr)

    def test_a_failure_that_is_not_the_engines_exits_1_with_its_message(self):
        # Looking for the frames of a name longer than the file system allows throws the
        # file system's own exception, not an engine Error: said, not std::terminate.
        long_name = self.path("f" * 300 + "-%d.png")
        done = self.run_cli("--frames", "--content", long_name, "--style", self.style,
                            "--output", self.path("o-%d.png"))
        self.assertEqual(done.returncode, 1, done.stderr)
        self.assertIn("neural-style-cli: Unexpected error: ", done.stderr)
        self.assertIn("File name too long", done.stderr)
        self.assertNotIn("terminate", done.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
