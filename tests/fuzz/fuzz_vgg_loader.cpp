// libFuzzer target: the VGG-19 loader (Vgg19::load) on a safetensors file made of the
// input and then as many zero bytes as VGG-19's weights take. A header alone thus
// describes a complete file (the seeds are headers), and the fuzzer spends its time on the
// loader's checks of keys, dtypes and shapes rather than on 80 MB of weights per input.
// Every input must end in a network or a neural_style::Error, never in a crash.
#include <cstddef>
#include <cstdint>

#include "input_file.h"
#include "neural_style/error.h"
#include "vgg.h"
#include "vgg_layers.h"

namespace {

std::size_t vgg19_bytes() {
  std::size_t floats = 0;
  for (const neural_style::VggConv& conv : neural_style::kVggConvs)
    floats += static_cast<std::size_t>(conv.out) * conv.in * 9 + conv.out;
  return floats * sizeof(float);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::size_t kZeros = vgg19_bytes();
  const neural_style::fuzz::InputFile file(data, size, kZeros);
  try {
    neural_style::Vgg19::load(file.path());
  } catch (const neural_style::Error&) {
    // The answer to a bad file: a message naming the file and the fault.
  }
  return 0;
}
