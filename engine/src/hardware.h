// What the processor offers, for choices that only pay off on some hardware.
#pragma once

namespace neural_style {

// AMX with bfloat16 tiles (Sapphire Rapids and later): there a bf16 network runs about
// 2-3x faster than fp32; without it bf16 is slower than fp32.
bool cpu_has_amx_bf16();

}  // namespace neural_style
