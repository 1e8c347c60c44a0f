// Reader for the safetensors format: an 8-byte header length, a JSON header, raw
// tensors. Nothing in a file is executed, and every offset is checked against the
// file's size, so a truncated or hostile file is an Error, never a crash.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace neural_style::safetensors {

struct TensorInfo {
  std::string dtype;             // "F32", "F16", "BF16", ...
  std::vector<std::int64_t> shape;
  std::uint64_t begin = 0;       // byte offsets into the data section
  std::uint64_t end = 0;
};

struct Header {
  std::map<std::string, TensorInfo> tensors;
  std::map<std::string, std::string> metadata;
  std::uint64_t data_start = 0;  // file offset of the data section
};

// Parses and checks the header of `path`. Throws Error naming the file and the fault.
Header read_header(const std::string& path);

// Reads the F32 tensor `name` from `path` (little-endian host assumed).
std::vector<float> read_f32(const std::string& path, const Header& header,
                            const std::string& name);

// Writes F32 tensors; used by the tests and by tools that cache computed tensors.
void write_f32(const std::string& path,
               const std::map<std::string, std::pair<std::vector<std::int64_t>,
                                                     std::vector<float>>>& tensors);

}  // namespace neural_style::safetensors
