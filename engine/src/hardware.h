// What the processor is, for choices that only pay off on some hardware.
#pragma once

#include <string>

namespace neural_style {

// Whether oneDNN has a bf16 convolution path here worth timing: AVX-512 (F, DQ, BW, VL),
// native with AVX512-BF16 or AMX, emulated without. Elsewhere (AVX2) bf16 runs oneDNN's
// reference code, about 100x slower than fp32: not worth the seconds of timing it.
bool cpu_may_run_bf16_fast();

// The processor's model name and a digest of its feature flags (Linux's /proc/cpuinfo):
// what identifies the speed of a machine, for the speed cache's key.
std::string cpu_identity();

// The model name and which of the flags that decide the fast paths it has, for people
// reading figures: "AMD EPYC: avx2 avx512f avx512_bf16, no amx_bf16".
std::string cpu_kind();

}  // namespace neural_style
