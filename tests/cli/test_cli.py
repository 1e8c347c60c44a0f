#!/usr/bin/python3
"""neural-style-cli end to end: real image files through GEGL, exit codes, messages."""

import os
import subprocess
import sys
import tempfile
import unittest

from PIL import Image

CLI = sys.argv.pop(1) if len(sys.argv) > 1 else "build/engine/cli/neural-style-cli"


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


class Cli(unittest.TestCase):
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

    def run_cli(self, *args):
        return subprocess.run([CLI, *args], env=self.env, capture_output=True, text=True,
                              timeout=300)

    def stylise(self, *extra, content=None, output=None):
        return self.run_cli("--content", content or self.content, "--style", self.style,
                            "--output", output or self.path("out.png"), "--iterations", "5",
                            "--seed", "3", *extra)

    def test_writes_a_stylised_image_of_the_contents_size(self):
        done = self.stylise()
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("built-in network", done.stderr)  # the user is told
        self.assertIn("fetch_weights.py", done.stderr)
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
        # Device and precision pinned: "auto" may pick CUDA in a CUDA build of libtorch, or
        # another precision by measuring, and either would change the pixels compared here.
        pinned = ("--init", "noise", "--device", "cpu", "--precision", "fp32")
        first = self.stylise(*pinned, output=self.path("1.png"))
        second = self.stylise(*pinned, output=self.path("2.png"))
        self.assertEqual((first.returncode, second.returncode), (0, 0))
        with Image.open(self.path("1.png")) as a, Image.open(self.path("2.png")) as b:
            self.assertEqual(list(a.getdata()), list(b.getdata()))

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

    def test_help(self):
        done = self.run_cli("--help")
        self.assertEqual(done.returncode, 0)
        self.assertIn("--preserve-colors", done.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)
