#include "hardware.h"

#include <cstdint>
#include <fstream>
#include <sstream>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

namespace neural_style {
namespace {

// The value of a "name : value" line of /proc/cpuinfo's first processor; "" without one.
std::string cpuinfo_field(const std::string& name) {
  std::ifstream file("/proc/cpuinfo");
  for (std::string line; std::getline(file, line);) {
    const std::size_t colon = line.find(':');
    if (line.rfind(name, 0) != 0 || colon == std::string::npos ||
        line.find_first_not_of(" \t", name.size()) != colon)
      continue;
    const std::size_t start = line.find_first_not_of(' ', colon + 1);
    return start == std::string::npos ? "" : line.substr(start);
  }
  return "";
}

// FNV-1a: the same digest in every build, unlike std::hash.
std::uint64_t digest(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  return hash;
}

}  // namespace

bool cpu_may_run_bf16_fast() {
#if defined(__x86_64__) || defined(__i386__)
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return false;
  constexpr unsigned kAvx512Core = (1u << 16) | (1u << 17) | (1u << 30) | (1u << 31);  // EBX
  return (ebx & kAvx512Core) == kAvx512Core;
#else
  return false;
#endif
}

std::string cpu_identity() {
  std::ostringstream identity;
  identity << cpuinfo_field("model name") << " flags:" << std::hex << digest(cpuinfo_field("flags"));
  return identity.str();
}

std::string cpu_kind() {
  const std::string flags = " " + cpuinfo_field("flags") + " ";
  std::string have, lack;
  for (const std::string flag : {"avx2", "avx512f", "avx512_bf16", "amx_bf16"}) {
    std::string& list = flags.find(" " + flag + " ") != std::string::npos ? have : lack;
    list += (list.empty() ? "" : " ") + flag;
  }
  return cpuinfo_field("model name") + ": " + have + (lack.empty() ? "" : ", no " + lack);
}

}  // namespace neural_style
