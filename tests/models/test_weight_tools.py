#!/usr/bin/python3
"""Tests for models/convert_vgg19.py, models/fetch_weights.py and the VGG fixture generator.

Run: /usr/bin/python3 tests/models/test_weight_tools.py   (non-zero exit on failure)

The real weights cannot be downloaded here, so every test uses a randomly initialised
torchvision VGG-19 (the real key layout) and a local HTTP server bound to 127.0.0.1.
The scripts are run as subprocesses where the command line itself is what users see.
"""

import functools
import http.server
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import unittest

import torch
import torch.nn.functional as F
import torchvision

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
MODELS = os.path.join(ROOT, "models")
CONVERT = os.path.join(MODELS, "convert_vgg19.py")
FETCH = os.path.join(MODELS, "fetch_weights.py")
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "make_vgg_fixture.py")
sys.path.insert(0, MODELS)
import convert_vgg19  # noqa: E402  (needs the path above)

EXPECTED = convert_vgg19.expected_shapes()


def random_state_dict(seed):
    """A torchvision VGG-19 state dict: all of `features` plus one classifier tensor.

    The classifier is ~480 MB of the real file; one key of it is enough to show that
    extra keys are ignored, and keeps the test files at ~80 MB.
    """
    torch.manual_seed(seed)
    full = torchvision.models.vgg19(weights=None).state_dict()
    state = {k: v.clone() for k, v in full.items() if k.startswith("features.")}
    state["classifier.6.bias"] = full["classifier.6.bias"].clone()
    for name in EXPECTED:  # torchvision zeroes biases: make them distinguishable
        if name.endswith(".bias"):
            state[name].normal_()
    return state


def sha256(path):
    return convert_vgg19.sha256_file(path)


def run_script(*args, env=None):
    """Run a script with this interpreter; without proxies, so 127.0.0.1 is reached."""
    clean = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    clean.update(env or {})
    return subprocess.run([sys.executable] + list(args), capture_output=True, text=True,
                          env=clean, timeout=300)


class TempDirTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="weight-tools-")
        self.addCleanup(shutil.rmtree, self.tmp)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def assert_loads_as(self, path, state):
        """`path` is a valid engine weights file holding exactly `state`'s needed tensors."""
        tensors, metadata = convert_vgg19.read_safetensors(path)
        self.assertEqual(list(tensors), list(EXPECTED))
        for name, shape in EXPECTED.items():
            self.assertEqual(tensors[name].dtype, torch.float32, name)
            self.assertEqual(list(tensors[name].shape), shape, name)
            self.assertTrue(torch.equal(tensors[name], state[name].float()), name)
        return metadata

    def assert_failed(self, result, *fragments):
        self.assertNotEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertNotIn("Traceback", result.stderr)
        message = result.stderr.strip().splitlines()[-1]
        for fragment in fragments:
            self.assertIn(fragment, message)

    def assert_no_leftovers(self, folder, allowed=()):
        self.assertEqual(sorted(set(os.listdir(folder)) - set(allowed)), [])


class ConvertTest(TempDirTest):
    @classmethod
    def setUpClass(cls):
        cls.class_tmp = tempfile.mkdtemp(prefix="weight-tools-class-")
        cls.state = random_state_dict(1)
        cls.pth = os.path.join(cls.class_tmp, "vgg19.pth")
        torch.save(cls.state, cls.pth)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.class_tmp)

    def save_pth(self, state, name="bad.pth"):
        path = self.path(name)
        torch.save(state, path)
        return path

    def test_round_trip(self):
        out = self.path("out.safetensors")
        convert_vgg19.convert(self.pth, out)
        metadata = self.assert_loads_as(out, self.state)
        self.assertEqual(metadata["source"], "vgg19.pth")
        self.assertEqual(metadata["source_sha256"], sha256(self.pth))
        self.assertEqual(metadata["format"], "neural-style-vgg19-features")
        self.assert_no_leftovers(self.tmp, ["out.safetensors"])

    def test_file_layout(self):
        # The C++ loader relies on these details, not just on our own reader agreeing.
        out = self.path("out.safetensors")
        convert_vgg19.convert(self.pth, out)
        with open(out, "rb") as handle:
            (length,) = struct.unpack("<Q", handle.read(8))
            text = handle.read(length)
        self.assertEqual(length % 8, 0)
        self.assertEqual(text.rstrip(b" ")[-1:], b"}")
        header = json.loads(text)
        self.assertTrue(all(isinstance(v, str) for v in header.pop("__metadata__").values()))
        self.assertEqual(list(header), list(EXPECTED))
        offset = 0
        for name, entry in header.items():
            self.assertEqual(entry["dtype"], "F32")
            self.assertEqual(entry["shape"], EXPECTED[name])
            size = 4 * torch.Size(EXPECTED[name]).numel()
            self.assertEqual(entry["data_offsets"], [offset, offset + size])
            offset += size
        self.assertEqual(os.path.getsize(out), 8 + length + offset)

    def test_cli_round_trip(self):
        out = self.path("cli.safetensors")
        result = run_script(CONVERT, self.pth, out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assert_loads_as(out, self.state)

    def test_safetensors_input_timm_style(self):
        # timm's vgg19.tv_in1k: the same features.N tensors plus its own head keys.
        timm = dict(self.state)
        del timm["classifier.6.bias"]
        timm["pre_logits.fc1.weight"] = torch.randn(64, 512, 1, 1)
        timm["head.fc.bias"] = torch.randn(1000)
        source = self.path("model.safetensors")
        convert_vgg19.write_safetensors(source, timm, {"format": "pt"})
        out = self.path("out.safetensors")
        result = run_script(CONVERT, source, out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assert_loads_as(out, self.state)

    def test_half_precision_input_becomes_float32(self):
        half = {k: v.half() for k, v in self.state.items()}
        out = self.path("out.safetensors")
        convert_vgg19.convert(self.save_pth(half, "half.pth"), out)
        self.assert_loads_as(out, half)

    def test_missing_key_is_rejected(self):
        state = dict(self.state)
        del state["features.7.bias"]
        out = self.path("out.safetensors")
        self.assert_failed(run_script(CONVERT, self.save_pth(state), out),
                           "convert_vgg19: error:", "features.7.bias")
        self.assert_no_leftovers(self.tmp, ["bad.pth"])

    def test_wrong_shape_is_rejected(self):
        state = dict(self.state)
        state["features.10.weight"] = torch.zeros(256, 128, 1, 1)
        out = self.path("out.safetensors")
        self.assert_failed(run_script(CONVERT, self.save_pth(state), out),
                           "features.10.weight", "[256, 128, 1, 1]", "[256, 128, 3, 3]")
        self.assert_no_leftovers(self.tmp, ["bad.pth"])

    def test_integer_tensor_is_rejected(self):
        state = dict(self.state)
        state["features.0.bias"] = torch.zeros(64, dtype=torch.int64)
        with self.assertRaisesRegex(convert_vgg19.ConversionError, "features.0.bias"):
            convert_vgg19.convert(self.save_pth(state), self.path("out.safetensors"))

    def test_non_finite_tensor_is_rejected(self):
        state = dict(self.state)
        state["features.2.weight"] = state["features.2.weight"].clone()
        state["features.2.weight"][0, 0, 0, 0] = float("nan")
        with self.assertRaisesRegex(convert_vgg19.ConversionError, "features.2.weight"):
            convert_vgg19.convert(self.save_pth(state), self.path("out.safetensors"))

    def test_failure_keeps_existing_output(self):
        out = self.path("out.safetensors")
        with open(out, "wb") as handle:
            handle.write(b"previous")
        state = dict(self.state)
        del state["features.28.weight"]
        self.assert_failed(run_script(CONVERT, self.save_pth(state), out), "features.28.weight")
        with open(out, "rb") as handle:
            self.assertEqual(handle.read(), b"previous")

    def test_garbage_input_is_a_clear_error(self):
        source = self.path("garbage.pth")
        with open(source, "wb") as handle:
            handle.write(os.urandom(1000))
        self.assert_failed(run_script(CONVERT, source, self.path("out.safetensors")),
                           "garbage.pth")
        self.assert_failed(run_script(CONVERT, self.path("absent.pth"),
                                      self.path("out.safetensors")), "absent.pth")
        self.assert_no_leftovers(self.tmp, ["garbage.pth"])

    def test_malformed_safetensors_is_rejected(self):
        header = json.dumps({"features.0.bias": {"dtype": "F32", "shape": [64],
                                                 "data_offsets": [0, 256]}}).encode()
        source = self.path("short.safetensors")
        with open(source, "wb") as handle:  # header promises 256 bytes, file has 16
            handle.write(struct.pack("<Q", len(header)) + header + bytes(16))
        with self.assertRaisesRegex(convert_vgg19.ConversionError, "features.0.bias"):
            convert_vgg19.read_safetensors(source)
        with open(source, "wb") as handle:  # header length beyond the file
            handle.write(struct.pack("<Q", 1 << 40) + b"{}")
        with self.assertRaisesRegex(convert_vgg19.ConversionError, "header length"):
            convert_vgg19.read_safetensors(source)

    def test_read_write_other_dtypes(self):
        tensors = {"a": torch.arange(6, dtype=torch.int64).reshape(2, 3),
                   "b": torch.randn(3).to(torch.bfloat16), "c": torch.zeros(0, 4),
                   "d": torch.tensor(2.5)}
        path = self.path("mixed.safetensors")
        convert_vgg19.write_safetensors(path, tensors, {"k": "v"})
        loaded, metadata = convert_vgg19.read_safetensors(path)
        self.assertEqual(metadata, {"k": "v"})
        for name, tensor in tensors.items():
            self.assertEqual(loaded[name].dtype, tensor.dtype, name)
            self.assertTrue(torch.equal(loaded[name], tensor), name)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the class's folder; /truncated promises more bytes than it sends."""

    def do_GET(self):
        if self.path == "/truncated.pth":
            self.send_response(200)
            self.send_header("Content-Length", "1000000")
            self.end_headers()
            self.wfile.write(b"x" * 1000)
            return
        super().do_GET()

    def log_message(self, *args):  # keep the test output readable
        pass


class FetchTest(TempDirTest):
    @classmethod
    def setUpClass(cls):
        cls.served = tempfile.mkdtemp(prefix="weight-tools-served-")
        cls.state = random_state_dict(2)
        cls.pth = os.path.join(cls.served, "model.pth")
        torch.save(cls.state, cls.pth)
        cls.digest = sha256(cls.pth)
        # torch.hub-style names: the right digest prefix, and a wrong one.
        cls.good_name = "vgg19-%s.pth" % cls.digest[:8]
        os.link(cls.pth, os.path.join(cls.served, cls.good_name))
        os.link(cls.pth, os.path.join(cls.served, "vgg19-deadbeef.pth"))
        with open(os.path.join(cls.served, "page.html"), "w") as handle:
            handle.write("<html>a login page, not weights</html>")
        handler = functools.partial(_Handler, directory=cls.served)
        cls.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        cls.base = "http://127.0.0.1:%d/" % cls.server.server_address[1]
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()
        shutil.rmtree(cls.served)

    def fetch(self, *args, env=None):
        return run_script(FETCH, *args, env=env)

    def test_fetch_with_full_sha256(self):
        out = self.path("deep", "er", "vgg19-features.safetensors")
        url = self.base + "model.pth"
        result = self.fetch("--url", url, "--sha256", self.digest.upper(), "--output", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        metadata = self.assert_loads_as(out, self.state)
        self.assertEqual(metadata["source"], url)
        self.assertEqual(metadata["source_sha256"], self.digest)
        self.assert_no_leftovers(os.path.dirname(out), ["vgg19-features.safetensors"])

    def test_fetch_checks_digest_in_file_name(self):
        out = self.path("w.safetensors")
        result = self.fetch("--url", self.base + self.good_name, "--output", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assert_loads_as(out, self.state)

    def test_wrong_checksum_installs_nothing(self):
        out = self.path("w.safetensors")
        result = self.fetch("--url", self.base + "model.pth", "--sha256", "0" * 64,
                            "--output", out)
        self.assert_failed(result, "fetch_weights: error:", "checksum mismatch", self.digest)
        self.assert_no_leftovers(self.tmp)

    def test_wrong_digest_in_file_name_keeps_existing_file(self):
        out = self.path("w.safetensors")
        with open(out, "wb") as handle:
            handle.write(b"previous")
        result = self.fetch("--url", self.base + "vgg19-deadbeef.pth", "--output", out)
        self.assert_failed(result, "checksum mismatch", "deadbeef")
        with open(out, "rb") as handle:
            self.assertEqual(handle.read(), b"previous")
        self.assert_no_leftovers(self.tmp, ["w.safetensors"])

    def test_http_404(self):
        result = self.fetch("--url", self.base + "vgg19-12345678.pth",
                            "--output", self.path("w.safetensors"))
        self.assert_failed(result, "HTTP 404", "vgg19-12345678.pth")
        self.assert_no_leftovers(self.tmp)

    def test_truncated_download(self):
        result = self.fetch("--url", self.base + "truncated.pth", "--sha256", "",
                            "--output", self.path("w.safetensors"))
        self.assert_failed(result, "ended early")
        self.assert_no_leftovers(self.tmp)

    def test_downloaded_file_that_is_not_weights(self):
        url = self.base + "page.html"
        result = self.fetch("--url", url, "--sha256", "", "--output", self.path("w.safetensors"))
        self.assert_failed(result, url, "neither a readable")
        self.assert_no_leftovers(self.tmp)

    def test_unreachable_server(self):
        with socket.socket() as probe:  # a port that was free a moment ago
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        result = self.fetch("--url", "http://127.0.0.1:%d/vgg19-12345678.pth" % port,
                            "--timeout", "5", "--output", self.path("w.safetensors"))
        self.assert_failed(result, "cannot download")
        self.assert_no_leftovers(self.tmp)

    def test_url_without_digest_needs_sha256(self):
        result = self.fetch("--url", self.base + "model.pth",
                            "--output", self.path("w.safetensors"))
        self.assert_failed(result, "--sha256")
        self.assert_no_leftovers(self.tmp)

    def test_from_file(self):
        out = self.path("w.safetensors")
        result = self.fetch("--from-file", os.path.join(self.served, self.good_name),
                            "--output", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        metadata = self.assert_loads_as(out, self.state)
        self.assertEqual(metadata["source"], self.good_name)

    def test_from_file_with_wrong_sha256(self):
        out = self.path("w.safetensors")
        result = self.fetch("--from-file", self.pth, "--sha256", "deadbeef", "--output", out)
        self.assert_failed(result, "checksum mismatch")
        self.assert_no_leftovers(self.tmp)

    def test_from_file_default_output_is_xdg_data_home(self):
        result = self.fetch("--from-file", self.pth, env={"XDG_DATA_HOME": self.tmp})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("not verified", result.stderr)
        self.assert_loads_as(self.path("neural-style", "vgg19-features.safetensors"),
                             self.state)

    def test_bad_sha256_option(self):
        result = self.fetch("--from-file", self.pth, "--sha256", "xyz",
                            "--output", self.path("w.safetensors"))
        self.assert_failed(result, "--sha256")


class FixtureTest(TempDirTest):
    """The generator is deterministic and agrees with a forward pass written out by hand."""

    def test_fixture(self):
        weights, reference = self.path("w.safetensors"), self.path("r.safetensors")
        result = run_script(FIXTURE, "--weights", weights, "--reference", reference)
        self.assertEqual(result.returncode, 0, result.stderr)
        params, _ = convert_vgg19.read_safetensors(weights)
        self.assertEqual(list(params), list(EXPECTED))
        tensors, _ = convert_vgg19.read_safetensors(reference)
        expected = forward(params, tensors["input"])
        self.assertEqual(list(tensors), ["input"] + list(expected))
        self.assertEqual(list(tensors["input"].shape), [1, 3, 40, 56])
        for name, activation in expected.items():
            self.assertEqual(tensors[name].shape, activation.shape, name)
            self.assertTrue(torch.allclose(tensors[name], activation, atol=1e-5), name)
        # A second run (in a fresh process) must give the same bytes.
        again = self.path("again.safetensors")
        result = run_script(FIXTURE, "--reference", again)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(sha256(again), sha256(reference))


def forward(params, image):
    """VGG-19 features written out by hand: what the C++ network must compute."""
    mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
    x, out = (image - mean) / std, {}
    names = {0: "relu1_1", 5: "relu2_1", 10: "relu3_1", 19: "relu4_1", 21: "relu4_2",
             28: "relu5_1"}
    for index, _, _ in convert_vgg19.CONV_LAYERS:
        if index in (5, 10, 19, 28):  # a max pool precedes each block's first conv
            x = F.max_pool2d(x, 2, 2)
        w, b = params["features.%d.weight" % index], params["features.%d.bias" % index]
        x = F.relu(F.conv2d(x, w, b, padding=1))
        if index in names:
            out[names[index]] = x
    return out


if __name__ == "__main__":
    unittest.main()
