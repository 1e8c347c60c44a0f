#!/usr/bin/python3
"""Convert torchvision VGG-19 weights into the file the neural-style engine loads.

Usage: convert_vgg19.py INPUT OUTPUT

INPUT is either torchvision's state dict (vgg19-dcbb9e9d.pth) or a safetensors file with
the same `features.N.*` keys (timm's vgg19.tv_in1k). OUTPUT is a safetensors file that holds
only the 13 convolutions up to conv5_1 (relu5_1 is the deepest layer the engine uses), as
contiguous float32 tensors in network order, with the source and its SHA-256 recorded in
`__metadata__`.

safetensors is read and written by hand (stdlib + torch only): an 8-byte little-endian
header length, a JSON header padded with spaces to a multiple of 8 bytes, then raw
little-endian tensor data.
"""

import hashlib
import json
import os
import struct
import sys
import tempfile

try:
    import torch
except ImportError:  # the one likely setup problem: say what to install, not a traceback
    sys.exit("convert_vgg19: error: PyTorch is not installed for %s "
             "(Debian: apt install python3-torch)" % sys.executable)

# (torchvision features index, in channels, out channels) for conv1_1 ... conv5_1.
CONV_LAYERS = (
    (0, 3, 64), (2, 64, 64),
    (5, 64, 128), (7, 128, 128),
    (10, 128, 256), (12, 256, 256), (14, 256, 256), (16, 256, 256),
    (19, 256, 512), (21, 512, 512), (23, 512, 512), (25, 512, 512),
    (28, 512, 512),
)

FORMAT_NAME = "neural-style-vgg19-features"
FORMAT_VERSION = "1"

# safetensors dtype names <-> torch dtypes. Integer types are listed so that a wrong file
# is reported as "not floating point" rather than "unknown dtype".
_DTYPES = {
    "F64": torch.float64, "F32": torch.float32, "F16": torch.float16,
    "BF16": torch.bfloat16, "I64": torch.int64, "I32": torch.int32,
    "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8, "BOOL": torch.bool,
}
_DTYPE_NAMES = {dtype: name for name, dtype in _DTYPES.items()}

# A real header is a few kB; refuse absurd lengths before allocating them.
_MAX_HEADER_BYTES = 100 * 1024 * 1024


class ConversionError(Exception):
    """A problem with an input or output file; the message is meant for the user."""


def expected_shapes():
    """The output's keys, in file order, mapped to their shapes."""
    shapes = {}
    for index, cin, cout in CONV_LAYERS:
        shapes["features.%d.weight" % index] = [cout, cin, 3, 3]
        shapes["features.%d.bias" % index] = [cout]
    return shapes


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ---------------------------------------------------------------- safetensors writer

def _tensor_bytes(tensor):
    """Raw little-endian bytes of a tensor (numpy ships with torch and is its bridge)."""
    tensor = tensor.detach().cpu().contiguous()
    if tensor.dtype == torch.bfloat16:  # numpy has no bfloat16: reinterpret as int16
        tensor = tensor.view(torch.int16)
    array = tensor.numpy()
    if sys.byteorder != "little":
        array = array.byteswap()
    return array.tobytes()


def _header_bytes(tensors, metadata):
    """The JSON header, padded with spaces so the data starts 8-byte aligned."""
    header = {}
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    offset = 0
    for name, tensor in tensors.items():
        if tensor.dtype not in _DTYPE_NAMES:
            raise ConversionError("tensor '%s' has unsupported dtype %s" % (name, tensor.dtype))
        size = tensor.numel() * tensor.element_size()
        header[name] = {"dtype": _DTYPE_NAMES[tensor.dtype], "shape": list(tensor.shape),
                        "data_offsets": [offset, offset + size]}
        offset += size
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    return text + b" " * (-len(text) % 8)


def write_safetensors(path, tensors, metadata):
    """Write `tensors` (name -> tensor, in dict order) atomically to `path`.

    The data goes to a temporary file in the same folder, which replaces `path` only once
    complete, so a reader never sees a half-written file and a failure leaves nothing.
    """
    header = _header_bytes(tensors, metadata)
    folder = os.path.dirname(os.path.abspath(path))
    try:
        handle, temp_path = tempfile.mkstemp(dir=folder, suffix=".tmp",
                                             prefix=".%s." % os.path.basename(path))
    except OSError as error:  # name the file the user asked for, not our temporary one
        raise ConversionError("cannot write %s: %s" % (path, error.strerror or error))
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(struct.pack("<Q", len(header)))
            out.write(header)
            for tensor in tensors.values():
                out.write(_tensor_bytes(tensor))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp_path, 0o644)  # mkstemp makes 0600; the weights are not secret
        os.replace(temp_path, path)
    except BaseException:
        os.unlink(temp_path)
        raise


# ---------------------------------------------------------------- safetensors reader

def _read_header(handle, path, file_size):
    raw_length = handle.read(8)
    if len(raw_length) != 8:
        raise ConversionError("%s: too short to be a safetensors file" % path)
    (length,) = struct.unpack("<Q", raw_length)
    if length > min(_MAX_HEADER_BYTES, file_size - 8):
        raise ConversionError("%s: safetensors header length %d is out of range" % (path, length))
    try:
        header = json.loads(handle.read(length).decode("utf-8"))
    except ValueError as error:
        raise ConversionError("%s: safetensors header is not valid JSON (%s)" % (path, error))
    if not isinstance(header, dict):
        raise ConversionError("%s: safetensors header is not a JSON object" % path)
    return 8 + length, header


def _check_entry(path, name, entry, data_size):
    """Validate one header entry; return (dtype, shape, begin, end)."""
    try:
        dtype = _DTYPES[entry["dtype"]]
        shape = [int(n) for n in entry["shape"]]
        begin, end = (int(n) for n in entry["data_offsets"])
    except (KeyError, TypeError, ValueError):
        raise ConversionError("%s: bad header entry for tensor '%s'" % (path, name))
    count = 1
    for n in shape:
        count *= n
    expected = count * torch.empty((), dtype=dtype).element_size()
    if min(shape + [0]) < 0 or not 0 <= begin <= end <= data_size or end - begin != expected:
        raise ConversionError("%s: tensor '%s' has inconsistent shape or data offsets"
                              % (path, name))
    return dtype, shape, begin, end


def _tensor_from_bytes(data, dtype, shape):
    if not data:  # torch.frombuffer rejects empty buffers
        return torch.empty(shape, dtype=dtype)
    tensor = torch.frombuffer(bytearray(data), dtype=dtype)
    if sys.byteorder != "little" and tensor.element_size() > 1:
        size = tensor.element_size()
        tensor = tensor.view(torch.uint8).view(-1, size).flip(1).contiguous().view(dtype)
    return tensor.reshape(shape)


def read_safetensors(path, names=None):
    """Return (tensors, metadata) from a safetensors file.

    `names`, if given, limits which tensors are read (the rest are skipped without being
    loaded: timm's file carries ~450 MB of classifier we do not need). Missing names are
    simply absent from the result. Malformed files raise ConversionError.
    """
    file_size = os.path.getsize(path)
    with open(path, "rb") as handle:
        data_start, header = _read_header(handle, path, file_size)
        metadata = header.pop("__metadata__", None) or {}
        tensors = {}
        for name, entry in header.items():
            if names is not None and name not in names:
                continue
            dtype, shape, begin, end = _check_entry(path, name, entry, file_size - data_start)
            handle.seek(data_start + begin)
            tensors[name] = _tensor_from_bytes(handle.read(end - begin), dtype, shape)
    return tensors, metadata


# ---------------------------------------------------------------- conversion

def _looks_like_safetensors(path):
    """Sniff the format instead of trusting the extension: the JSON header opens with '{'."""
    with open(path, "rb") as handle:
        start = handle.read(9)
    return len(start) == 9 and start[8:9] == b"{" and not start.startswith(b"PK")


def _load_pth(path):
    # weights_only: a .pth is a pickle; refuse anything but tensors and plain containers.
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:  # torch raises many types for a bad file; all mean the same
        detail = str(error).splitlines()[0] if str(error) else type(error).__name__
        # torch's own text advises weights_only=False (running the pickle): keep the cause.
        detail = detail.split("WeightsUnpickler error: ")[-1]
        raise ConversionError("%s: neither a readable .pth checkpoint nor a safetensors file "
                              "(%s)" % (path, detail))
    # Some checkpoints wrap the state dict; torchvision's does not.
    if isinstance(state, dict) and "features.0.weight" not in state \
            and isinstance(state.get("state_dict"), dict):
        state = state["state_dict"]
    if not isinstance(state, dict):
        raise ConversionError("%s: checkpoint is not a state dict" % path)
    return state


def load_source(path):
    """The tensors of a torchvision .pth or a safetensors file (only the needed ones)."""
    if _looks_like_safetensors(path):
        return read_safetensors(path, names=set(expected_shapes()))[0]
    return _load_pth(path)


def extract_features(state):
    """Pick, check and convert the needed tensors; the message names the first bad key."""
    features = {}
    for name, shape in expected_shapes().items():
        tensor = state.get(name)
        if tensor is None:
            raise ConversionError("missing tensor '%s'" % name)
        if not isinstance(tensor, torch.Tensor):
            raise ConversionError("'%s' is not a tensor" % name)
        if list(tensor.shape) != shape:
            raise ConversionError("tensor '%s' has shape %s, expected %s"
                                  % (name, list(tensor.shape), shape))
        if not tensor.is_floating_point():
            raise ConversionError("tensor '%s' has dtype %s, expected floating point"
                                  % (name, tensor.dtype))
        tensor = tensor.detach().to(torch.float32).contiguous()
        if not torch.isfinite(tensor).all():
            raise ConversionError("tensor '%s' contains NaN or infinite values" % name)
        features[name] = tensor
    return features


def convert(input_path, output_path, source=None, source_sha256=None):
    """Convert `input_path` to `output_path`; return the metadata written.

    `source` (default: the input's file name) and `source_sha256` (default: computed) let a
    caller that downloaded the file record the URL and reuse the digest it already has.
    """
    features = extract_features(load_source(input_path))
    metadata = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "architecture": "torchvision vgg19 features, conv1_1..conv5_1",
        "source": source or os.path.basename(input_path),
        "source_sha256": source_sha256 or sha256_file(input_path),
    }
    write_safetensors(output_path, features, metadata)
    return metadata


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] in (["-h"], ["--help"]):
        print(__doc__.strip())
        return 0
    if len(argv) != 2:
        print("usage: convert_vgg19.py INPUT OUTPUT", file=sys.stderr)
        return 2
    input_path, output_path = argv
    try:
        convert(input_path, output_path)
    except (ConversionError, OSError) as error:
        print("convert_vgg19: error: %s" % error, file=sys.stderr)
        return 1
    print("wrote %s" % output_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
