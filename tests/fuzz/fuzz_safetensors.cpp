// libFuzzer target: the safetensors reader on any bytes. A file a user downloads is parsed
// by this code, so every input must end in a header or a neural_style::Error, never in a
// crash, a hang, an out-of-bounds read or an uncaught exception of another type.
#include <cstddef>
#include <cstdint>

#include "input_file.h"
#include "neural_style/error.h"
#include "safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const neural_style::fuzz::InputFile file(data, size);
  try {
    const auto header = neural_style::safetensors::read_header(file.path());
    for (const auto& [name, info] : header.tensors)
      if (info.dtype == "F32") neural_style::safetensors::read_f32(file.path(), header, name);
  } catch (const neural_style::Error&) {
    // The answer to a bad file: a message naming the file and the fault.
  }
  return 0;
}
