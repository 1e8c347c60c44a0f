// The reuse of large CPU blocks during a run (memory_reuse.h): a freed block is handed
// out again only for a request it fits closely (at most a quarter larger), the kept blocks
// go at a new scale, and the blocks held (in use and kept) never exceed the most ever in
// use at once, plus the run's headroom under its budget up to half of that.
#include <gtest/gtest.h>

#include <ATen/ATen.h>

#include <algorithm>

#include "memory_reuse.h"

namespace neural_style {
namespace {

// A tensor whose storage is `bytes` long (floats).
at::Tensor block(std::size_t bytes) { return at::empty({static_cast<int64_t>(bytes / 4)}); }

const std::size_t kMiB = std::size_t(1) << 20;

TEST(MemoryReuse, AFreedBlockIsHandedBackForACloseSizeOnly) {
  MemoryReuse reuse;
  void* first = nullptr;
  {
    // With the large block, a peak that leaves room to keep `a` beside a new block.
    const at::Tensor a = block(4 * kMiB), large = block(16 * kMiB);
    first = a.data_ptr();
  }
  EXPECT_EQ(MemoryReuse::bytes().kept, 20 * kMiB);
  {
    const at::Tensor other = block(2 * kMiB);  // half the size: a block of its own
    EXPECT_NE(other.data_ptr(), first);
    EXPECT_EQ(MemoryReuse::bytes().kept, 4 * kMiB) << "the largest kept block made room";
  }
  {
    const at::Tensor close = block(3 * kMiB + kMiB / 2);  // 4 MiB wastes a seventh: reused
    EXPECT_EQ(close.data_ptr(), first);
  }
  const at::Tensor same = block(4 * kMiB);
  EXPECT_EQ(same.data_ptr(), first);
}

TEST(MemoryReuse, SmallBlocksAreNotKept) {
  MemoryReuse reuse;
  { const at::Tensor small = block(MemoryReuse::smallest_kept() / 2); }
  EXPECT_EQ(MemoryReuse::bytes().kept, 0u);
  EXPECT_EQ(MemoryReuse::bytes().in_use, 0u);
}

TEST(MemoryReuse, ANewScaleReleasesTheKeptBlocks) {
  MemoryReuse reuse;
  { const at::Tensor a = block(4 * kMiB), b = block(8 * kMiB); }
  EXPECT_EQ(MemoryReuse::bytes().kept, 12 * kMiB);
  reuse.release_kept();
  EXPECT_EQ(MemoryReuse::bytes().kept, 0u);
  EXPECT_EQ(MemoryReuse::bytes().peak_in_use, 0u);  // the old sizes' peak no longer counts
}

TEST(MemoryReuse, NeverMoreHeldThanThePeakInUse) {
  MemoryReuse reuse;
  reuse.release_kept();
  { const at::Tensor a = block(4 * kMiB), b = block(4 * kMiB); }  // peak 8 MiB, then kept
  ASSERT_EQ(MemoryReuse::bytes().peak_in_use, 8 * kMiB);
  // 3 MiB fits no kept block: one 4 MiB block goes, so 4 kept + 3 in use <= 8.
  const at::Tensor c = block(3 * kMiB);
  const MemoryReuse::Bytes held = MemoryReuse::bytes();
  EXPECT_EQ(held.in_use, 3 * kMiB);
  EXPECT_EQ(held.kept, 4 * kMiB);
  EXPECT_LE(held.in_use + held.kept, held.peak_in_use);
  const at::Tensor d = block(6 * kMiB);  // the last kept block goes too: 3 + 6 is a new peak
  EXPECT_EQ(MemoryReuse::bytes().kept, 0u);
  EXPECT_EQ(MemoryReuse::bytes().peak_in_use, 9 * kMiB);
}

TEST(MemoryReuse, TheHeadroomKeepsMoreUpToHalfThePeak) {
  for (const std::size_t headroom : {2 * kMiB, 100 * kMiB}) {
    MemoryReuse reuse(headroom);
    { const at::Tensor a = block(4 * kMiB), b = block(4 * kMiB); }  // peak 8 MiB, then kept
    const std::size_t limit = 8 * kMiB + std::min(headroom, 4 * kMiB);  // 10, then 12 MiB
    // 8 kept + 3 in use: within 12 MiB but not within 10.
    const at::Tensor c = block(3 * kMiB);
    const MemoryReuse::Bytes held = MemoryReuse::bytes();
    EXPECT_EQ(held.kept, headroom < 3 * kMiB ? 4 * kMiB : 8 * kMiB) << headroom;
    EXPECT_LE(held.in_use + held.kept, limit);
  }
}

TEST(MemoryReuse, TheLastUserReturnsEverything) {
  {
    MemoryReuse reuse;
    { const at::Tensor a = block(4 * kMiB); }
    EXPECT_EQ(MemoryReuse::bytes().kept, 4 * kMiB);
  }
  EXPECT_EQ(MemoryReuse::bytes().kept, 0u);
  const at::Tensor after = block(4 * kMiB);  // libtorch's own allocator again
  EXPECT_EQ(MemoryReuse::bytes().in_use, 0u);
}

}  // namespace
}  // namespace neural_style
