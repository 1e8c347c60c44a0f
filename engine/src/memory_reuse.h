// Reuse of large CPU tensor memory during a run. Every optimisation step allocates and
// frees the same large tensors (features and their gradients, tens of MB each at 512 px).
// The default allocator gets blocks that large fresh from mmap, and the kernel then
// zero-fills each 4 KiB page on first touch: about a tenth of a bf16 step here. While a
// MemoryReuse lives, freed blocks of 1 MiB or more are kept and handed out again for a
// size that fits them closely.
#pragma once

#include <cstddef>

namespace neural_style {

class MemoryReuse {
 public:
  // Installs the reusing allocator for CPU tensors; nests across threads. `headroom`: bytes
  // the run's memory plan leaves unused under its budget, which freed blocks may hold on
  // top of the most in use at once (up to half as much again); the first user's counts.
  explicit MemoryReuse(std::size_t headroom = 0);
  ~MemoryReuse();  // the last one ending restores the previous allocator, frees kept blocks
  MemoryReuse(const MemoryReuse&) = delete;
  MemoryReuse& operator=(const MemoryReuse&) = delete;

  // Frees the kept blocks: call when the sizes change (a new scale), so that blocks of
  // the old sizes do not add to the peak memory.
  void release_kept();

  // The large blocks' bytes, for tests and diagnostics: handed out, kept for reuse, and
  // the most handed out at once since the last release_kept().
  struct Bytes {
    std::size_t in_use = 0, kept = 0, peak_in_use = 0;
  };
  static Bytes bytes();
  // Blocks below this size go to the system as they would without reuse.
  static std::size_t smallest_kept();
};

}  // namespace neural_style
