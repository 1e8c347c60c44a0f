#!/usr/bin/python3
"""Download torchvision's ImageNet VGG-19 once and install it for the neural-style engine.

Run with no arguments, as the installed command or from the source tree:

    neural-style-fetch-weights
    /usr/bin/python3 models/fetch_weights.py

This downloads vgg19-dcbb9e9d.pth (~550 MB) from download.pytorch.org, checks its SHA-256,
keeps only the convolutions the engine uses (~52 MB) and installs them as
$XDG_DATA_HOME/neural-style/vgg19-features.safetensors (XDG_DATA_HOME defaults to
~/.local/share). Nothing is left behind on failure, and an existing file is replaced only
by a complete, verified one.

Checksums follow torch.hub's rule: the file's SHA-256 must start with the hex digits
between a '-' and a '.' in its name (dcbb9e9d). --sha256 overrides that with a full digest
or a prefix of at least 8 hex digits; --sha256 '' skips the check. A download whose name
carries no digest needs --sha256. With --from-file, a file whose name carries no digest
(e.g. timm's model.safetensors) is converted unverified; its SHA-256 is printed and recorded.
"""

import argparse
import hashlib
import http.client
import os
import re
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

# Run from the installed folder, as root too: no byte code is written beside the scripts.
sys.dont_write_bytecode = True
try:
    import convert_vgg19
except ImportError:  # run from elsewhere without its sibling
    sys.exit("fetch_weights: error: convert_vgg19.py must be in the same folder as "
             "fetch_weights.py")

DEFAULT_URL = "https://download.pytorch.org/models/vgg19-dcbb9e9d.pth"
WEIGHTS_FILE = "vgg19-features.safetensors"
# torch.hub's HASH_REGEX: the digest prefix sits between a '-' and the next '.'.
_NAME_DIGEST = re.compile(r"-([a-f0-9]*)\.")
_CHUNK = 1 << 16


CHECKSUM_HELP = """\
checksums: like torch.hub, the file's SHA-256 must start with the hex digits
between a '-' and a '.' in its name (vgg19-dcbb9e9d.pth: dcbb9e9d). --sha256 replaces
that with a full digest or a prefix; --sha256 '' skips the check. A download
whose name has no digest needs --sha256; a --from-file whose name has none is
converted unverified, and its SHA-256 is printed and recorded in the output."""


class FetchError(Exception):
    """A failure whose message is meant for the user."""


def default_output():
    # Same rule as the engine's lookup (engine/src/weights.cpp): an empty variable is unset.
    data_home = os.environ.get("XDG_DATA_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "share")
    return os.path.join(data_home, "neural-style", WEIGHTS_FILE)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Download and install the VGG-19 weights for neural-style.",
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=CHECKSUM_HELP)
    parser.add_argument("--url", default=DEFAULT_URL,
                        help="where to download the torchvision VGG-19 state dict "
                             "(default: %(default)s)")
    parser.add_argument("--from-file", metavar="PATH",
                        help="convert this already-downloaded .pth or .safetensors "
                             "instead of downloading")
    parser.add_argument("--sha256", metavar="HEX",
                        help="expected SHA-256 (full or a prefix of >= 8 hex digits); "
                             "'' skips the check (default: the digest in the file name)")
    parser.add_argument("--output", default=default_output(),
                        help="where to install the converted weights (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                        help="give up when the server sends nothing for this long "
                             "(default: %(default)s)")
    args = parser.parse_args(argv)
    if not args.timeout > 0:
        parser.error("--timeout must be a positive number of seconds")
    return args


# ---------------------------------------------------------------- checksums

def digest_in_name(name):
    """The digest prefix torch.hub would check for a file called `name`, or None."""
    match = _NAME_DIGEST.search(os.path.basename(name))
    # Fewer than 8 digits would be a coincidence of the name, not a checksum.
    return match.group(1) if match and len(match.group(1)) >= 8 else None


def expected_digest(option, name):
    """'' (skip), a lowercase hex prefix, or None (no checksum known)."""
    if option is None:
        return digest_in_name(name)
    option = option.strip().lower()
    if option and not re.fullmatch(r"[0-9a-f]{8,64}", option):
        raise FetchError("--sha256 must be 8 to 64 hex digits, or '' to skip the check")
    return option


def verify(digest, expected, what):
    if expected and not digest.startswith(expected):
        raise FetchError("checksum mismatch for %s: SHA-256 is %s, expected %s%s"
                         % (what, digest, expected, "" if len(expected) == 64 else "..."))


# ---------------------------------------------------------------- download

class Progress:
    """A single self-updating line on a terminal; silent otherwise (logs stay clean)."""

    def __init__(self, total):
        self.total = total
        self.enabled = sys.stderr.isatty()
        self.last = 0.0

    def update(self, done, final=False):
        now = time.monotonic()
        if not self.enabled or (now - self.last < 0.2 and not final):
            return
        self.last = now
        text = "\r  %.1f MiB" % (done / 2**20)
        if self.total:
            text += " of %.1f MiB (%d%%)" % (self.total / 2**20, 100 * done // self.total)
        sys.stderr.write(text + ("\n" if final else ""))
        sys.stderr.flush()


def _copy_response(response, out):
    """Stream `response` into `out`; return its SHA-256 (hex)."""
    length = response.headers.get("Content-Length")
    total = int(length) if length and length.isdigit() else None
    digest, done, progress = hashlib.sha256(), 0, Progress(total)
    for block in iter(lambda: response.read(_CHUNK), b""):
        out.write(block)
        digest.update(block)
        done += len(block)
        progress.update(done)
    progress.update(done, final=True)
    # http.client ends quietly when the connection drops early: compare with the header.
    if total is not None and done != total:
        raise FetchError("download of %s ended early: got %d of %d bytes"
                         % (response.geturl(), done, total))
    return digest.hexdigest()


def download(url, path, timeout):
    """Download `url` to `path`; return its SHA-256. Network problems become FetchError."""
    print("downloading %s" % url, file=sys.stderr)
    try:
        request = urllib.request.Request(url, headers={"User-Agent": "neural-style-fetch/1"})
        # The timeout bounds each connect/read, so a slow but live download still finishes.
        with urllib.request.urlopen(request, timeout=timeout) as response, \
                open(path, "wb") as out:
            return _copy_response(response, out)
    except urllib.error.HTTPError as error:
        raise FetchError("cannot download %s: HTTP %d %s" % (url, error.code, error.reason))
    except urllib.error.URLError as error:
        raise FetchError("cannot download %s: %s" % (url, error.reason))
    except TimeoutError:
        raise FetchError("cannot download %s: no data for %g seconds" % (url, timeout))
    except ConnectionError as error:
        raise FetchError("cannot download %s: %s" % (url, error.strerror or error))
    except (http.client.HTTPException, ValueError) as error:
        raise FetchError("cannot download %s: %s" % (url, error or type(error).__name__))


# ---------------------------------------------------------------- main

def output_path(option):
    path = os.path.abspath(os.path.expanduser(option))
    return os.path.join(path, WEIGHTS_FILE) if os.path.isdir(path) else path


def make_folder(folder):
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as error:
        raise FetchError("cannot create folder %s: %s" % (folder, error.strerror or error))


def install_from_file(source, output, expected):
    if not os.path.isfile(source):
        raise FetchError("%s does not exist" % source)
    digest = convert_vgg19.sha256_file(source)
    verify(digest, expected, source)
    if not expected:
        print("note: %s not verified (no checksum given); its SHA-256 is %s"
              % (source, digest), file=sys.stderr)
    convert_vgg19.convert(source, output, source=os.path.basename(source),
                          source_sha256=digest)


def install_from_url(url, output, expected, timeout):
    if expected is None:
        raise FetchError("no checksum in the name of %s: pass --sha256 HEX "
                         "(or --sha256 '' to skip the check)" % url)
    # Download beside the destination (same file system, usually roomier than /tmp); the
    # folder is removed whatever happens, so no partial file is ever left there.
    with tempfile.TemporaryDirectory(dir=os.path.dirname(output),
                                     prefix=".neural-style-fetch-") as folder:
        source = os.path.join(folder, "download")
        digest = download(url, source, timeout)
        verify(digest, expected, url)
        try:
            convert_vgg19.convert(source, output, source=url, source_sha256=digest)
        except convert_vgg19.ConversionError as error:  # name the URL, not our temp file
            raise FetchError(str(error).replace(source, url))


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    output = output_path(args.output)
    name = args.from_file or urllib.parse.urlsplit(args.url).path
    try:
        expected = expected_digest(args.sha256, name)  # bad options fail before any work
        make_folder(os.path.dirname(output))
        if args.from_file:
            install_from_file(args.from_file, output, expected)
        else:
            install_from_url(args.url, output, expected, args.timeout)
    except (FetchError, convert_vgg19.ConversionError, OSError) as error:
        print("fetch_weights: error: %s" % error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nfetch_weights: interrupted; nothing was installed", file=sys.stderr)
        return 130
    print("installed %s" % output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
