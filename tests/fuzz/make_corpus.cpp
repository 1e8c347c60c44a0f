// Writes the fuzzers' seed corpus: for each target a folder of valid inputs and of
// truncated and subtly wrong ones, so that fuzzing starts from inputs that reach every
// check. Generated at build time, so nothing binary is kept in the repository.
//   make-fuzz-corpus OUT_DIR STAMP
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "safetensors.h"
#include "vgg_layers.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

void write(const fs::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary) << bytes;
}

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// The 8-byte little-endian length, then the header.
std::string with_length(const std::string& header) {
  std::string bytes;
  for (int i = 0; i < 8; ++i) bytes += static_cast<char>(std::uint64_t(header.size()) >> (8 * i));
  return bytes + header;
}

// Every prefix length worth a seed: inside the length, the header, and the data.
void write_truncations(const fs::path& dir, const std::string& name, const std::string& bytes) {
  for (std::size_t keep : {std::size_t(0), std::size_t(4), std::size_t(8), std::size_t(9),
                           bytes.size() / 3, bytes.size() / 2, bytes.size() - 1})
    if (keep < bytes.size())
      write(dir / (name + "-cut-" + std::to_string(keep)), bytes.substr(0, keep));
}

void safetensors_seeds(const fs::path& dir) {
  const fs::path valid = dir / "valid";
  neural_style::safetensors::write_f32(
      valid.string(), {{"a", {{2, 3}, {1, 2, 3, 4, 5, 6}}}, {"b.bias", {{4}, {-1, 0, 1, 2}}}});
  write_truncations(dir, "valid", read(valid));
  json mixed = {{"__metadata__", {{"format", "pt"}}},
                {"half", {{"dtype", "F16"}, {"shape", {2}}, {"data_offsets", {0, 4}}}},
                {"f", {{"dtype", "F32"}, {"shape", {1, 1}}, {"data_offsets", {4, 8}}}},
                {"none", {{"dtype", "F32"}, {"shape", {0}}, {"data_offsets", {8, 8}}}}};
  write(dir / "metadata-and-dtypes", with_length(mixed.dump()) + std::string(8, '\1'));
  write(dir / "empty-header", with_length("{}"));
}

// VGG-19's tensors as torchvision names them, in a header whose data the harness appends.
json vgg19_header() {
  json header = json::object();
  std::uint64_t offset = 0;
  auto add = [&](const std::string& name, std::vector<std::int64_t> shape) {
    std::uint64_t count = 1;
    for (std::int64_t dim : shape) count *= std::uint64_t(dim);
    header[name] = {{"dtype", "F32"}, {"shape", shape}, {"data_offsets", {offset, offset + 4 * count}}};
    offset += 4 * count;
  };
  for (const neural_style::VggConv& conv : neural_style::kVggConvs) {
    const std::string prefix = "features." + std::to_string(conv.index);
    add(prefix + ".weight", {conv.out, conv.in, 3, 3});
    add(prefix + ".bias", {conv.out});
  }
  return header;
}

void vgg_seeds(const fs::path& dir) {
  const json valid = vgg19_header();
  write(dir / "vgg19", with_length(valid.dump()));
  write_truncations(dir, "vgg19", with_length(valid.dump()));
  json missing = valid;
  missing.erase("features.28.bias");
  write(dir / "vgg19-missing-bias", with_length(missing.dump()));
  json shape = valid;
  shape["features.0.weight"]["shape"] = {64, 3, 3, 2};
  write(dir / "vgg19-wrong-shape", with_length(shape.dump()));
  json dtype = valid;
  dtype["features.2.bias"]["dtype"] = "F16";
  write(dir / "vgg19-f16-bias", with_length(dtype.dump()));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  const fs::path out = argv[1];
  for (const char* target : {"safetensors", "vgg-loader"}) {
    fs::remove_all(out / target);
    fs::create_directories(out / target);
  }
  safetensors_seeds(out / "safetensors");
  vgg_seeds(out / "vgg-loader");
  std::ofstream(argv[2]) << "generated\n";
  return 0;
}
