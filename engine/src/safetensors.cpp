#include "safetensors.h"

#include <algorithm>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "neural_style/error.h"

namespace neural_style::safetensors {
namespace {

// A real header is a few kB; refuse absurd lengths before allocating them.
constexpr std::uint64_t kMaxHeaderBytes = 100u << 20;

std::uint64_t dtype_size(const std::string& dtype) {
  if (dtype == "F64" || dtype == "I64" || dtype == "U64") return 8;
  if (dtype == "F32" || dtype == "I32" || dtype == "U32") return 4;
  if (dtype == "F16" || dtype == "BF16" || dtype == "I16" || dtype == "U16") return 2;
  if (dtype == "I8" || dtype == "U8" || dtype == "BOOL") return 1;
  return 0;
}

// Every fault names the file first, then the tensor and what else its code takes.
[[noreturn]] void fail(ErrorCode code, const std::string& path,
                       std::vector<std::string> more = {}) {
  more.insert(more.begin(), path);
  throw Error(code, std::move(more));
}

// Whether `value` is an array of whole numbers: get<> would convert a number such as 1e93
// to an integer type, which is undefined behaviour (found by the fuzzer under UBSan).
bool whole_numbers(const nlohmann::json& value) {
  return value.is_array() && std::all_of(value.begin(), value.end(), [](const nlohmann::json& v) {
           return v.is_number_integer();
         });
}

TensorInfo parse_tensor(const std::string& path, const std::string& name,
                        const nlohmann::json& entry, std::uint64_t data_size) {
  TensorInfo info;
  try {
    info.dtype = entry.at("dtype").get<std::string>();
    if (!whole_numbers(entry.at("shape")) || !whole_numbers(entry.at("data_offsets")))
      fail(ErrorCode::weights_entry_malformed, path, {name});
    info.shape = entry.at("shape").get<std::vector<std::int64_t>>();
    auto offsets = entry.at("data_offsets").get<std::vector<std::uint64_t>>();
    if (offsets.size() != 2) fail(ErrorCode::weights_entry_malformed, path, {name});
    info.begin = offsets[0];
    info.end = offsets[1];
  } catch (const nlohmann::json::exception&) {
    fail(ErrorCode::weights_entry_malformed, path, {name});
  }
  const std::uint64_t element = dtype_size(info.dtype);
  if (element == 0) fail(ErrorCode::weights_unknown_dtype, path, {name, info.dtype});
  std::uint64_t count = 1;
  for (std::int64_t dim : info.shape) {
    if (dim < 0 || (dim > 0 && count > std::numeric_limits<std::uint64_t>::max() / 16 /
                                           static_cast<std::uint64_t>(dim)))
      fail(ErrorCode::weights_bad_shape, path, {name});
    count *= static_cast<std::uint64_t>(dim);
  }
  if (info.begin > info.end || info.end > data_size || info.end - info.begin != count * element)
    fail(ErrorCode::weights_outside_file, path, {name});
  return info;
}

}  // namespace

Header read_header(const std::string& path) {
  std::ifstream file(path, std::ios::binary | std::ios::ate);
  if (!file) fail(ErrorCode::weights_unopenable, path);
  const std::uint64_t file_size = static_cast<std::uint64_t>(file.tellg());
  file.seekg(0);
  unsigned char prefix[8] = {};
  if (file_size < 8 || !file.read(reinterpret_cast<char*>(prefix), 8))
    fail(ErrorCode::weights_too_short, path);
  std::uint64_t header_size = 0;
  for (int i = 7; i >= 0; --i) header_size = (header_size << 8) | prefix[i];
  if (header_size > kMaxHeaderBytes || header_size > file_size - 8)
    fail(ErrorCode::weights_header_length, path);

  std::string text(header_size, '\0');
  if (!file.read(text.data(), static_cast<std::streamsize>(header_size)))
    fail(ErrorCode::weights_header_unreadable, path);
  nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) fail(ErrorCode::weights_header_not_object, path);

  Header header;
  header.data_start = 8 + header_size;
  const std::uint64_t data_size = file_size - header.data_start;
  for (const auto& [name, entry] : json.items()) {
    if (name == "__metadata__") {
      if (!entry.is_object()) fail(ErrorCode::weights_metadata_not_object, path);
      for (const auto& [key, value] : entry.items())
        if (value.is_string()) header.metadata[key] = value.get<std::string>();
      continue;
    }
    if (!entry.is_object()) fail(ErrorCode::weights_entry_not_object, path, {name});
    header.tensors[name] = parse_tensor(path, name, entry, data_size);
  }
  return header;
}

std::vector<float> read_f32(const std::string& path, const Header& header,
                            const std::string& name) {
  auto it = header.tensors.find(name);
  if (it == header.tensors.end()) fail(ErrorCode::weights_tensor_missing, path, {name});
  const TensorInfo& info = it->second;
  if (info.dtype != "F32") fail(ErrorCode::weights_not_f32, path, {name, info.dtype});
  std::vector<float> values((info.end - info.begin) / sizeof(float));
  std::ifstream file(path, std::ios::binary);
  file.seekg(static_cast<std::streamoff>(header.data_start + info.begin));
  if (!file.read(reinterpret_cast<char*>(values.data()),
                 static_cast<std::streamsize>(info.end - info.begin)))
    fail(ErrorCode::weights_tensor_unreadable, path, {name});
  return values;
}

void write_f32(const std::string& path,
               const std::map<std::string, std::pair<std::vector<std::int64_t>,
                                                     std::vector<float>>>& tensors) {
  nlohmann::json json = nlohmann::json::object();
  std::uint64_t offset = 0;
  for (const auto& [name, tensor] : tensors) {
    const std::uint64_t bytes = tensor.second.size() * sizeof(float);
    json[name] = {{"dtype", "F32"}, {"shape", tensor.first}, {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
  }
  std::string text = json.dump();
  text.append((8 - text.size() % 8) % 8, ' ');
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  unsigned char prefix[8];
  for (int i = 0; i < 8; ++i) prefix[i] = static_cast<unsigned char>(text.size() >> (8 * i));
  file.write(reinterpret_cast<const char*>(prefix), 8);
  file.write(text.data(), static_cast<std::streamsize>(text.size()));
  for (const auto& [name, tensor] : tensors)
    file.write(reinterpret_cast<const char*>(tensor.second.data()),
               static_cast<std::streamsize>(tensor.second.size() * sizeof(float)));
  if (!file) fail(ErrorCode::file_unwritable, path);
}

}  // namespace neural_style::safetensors
