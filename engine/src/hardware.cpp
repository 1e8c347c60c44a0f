#include "hardware.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

namespace neural_style {

bool cpu_has_amx_bf16() {
#if defined(__x86_64__) || defined(__i386__)
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return false;
  constexpr unsigned kAmxBf16 = 1u << 22, kAmxTile = 1u << 24;  // CPUID.(7,0):EDX
  return (edx & kAmxBf16) && (edx & kAmxTile);
#else
  return false;
#endif
}

}  // namespace neural_style
