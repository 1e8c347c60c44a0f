// VGG-19's convolutional layers up to relu5_1 (configuration E): the one table the
// network, the settings check and the cost model share. No torch here.
#pragma once

#include <string>

namespace neural_style {

struct VggConv {
  const char* relu;  // the ReLU after this convolution
  int index;         // torchvision's features.N
  int in, out;
  bool pool_before;  // a 2x2 max pool precedes this convolution
};

inline constexpr VggConv kVggConvs[] = {
    {"relu1_1", 0, 3, 64, false},     {"relu1_2", 2, 64, 64, false},
    {"relu2_1", 5, 64, 128, true},    {"relu2_2", 7, 128, 128, false},
    {"relu3_1", 10, 128, 256, true},  {"relu3_2", 12, 256, 256, false},
    {"relu3_3", 14, 256, 256, false}, {"relu3_4", 16, 256, 256, false},
    {"relu4_1", 19, 256, 512, true},  {"relu4_2", 21, 512, 512, false},
    {"relu4_3", 23, 512, 512, false}, {"relu4_4", 25, 512, 512, false},
    {"relu5_1", 28, 512, 512, true},
};

// Position of `relu` in kVggConvs, or -1 for a name that is not one of its layers.
inline int vgg_layer_index(const std::string& relu) {
  for (int i = 0; i < static_cast<int>(std::size(kVggConvs)); ++i)
    if (relu == kVggConvs[i].relu) return i;
  return -1;
}

}  // namespace neural_style
