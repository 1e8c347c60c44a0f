// The reuse of large CPU blocks during a run (memory_reuse.h): a freed block is handed
// out again only for a request it fits closely (at most a quarter larger), the kept blocks
// go at a new scale, and the blocks held (in use and kept) never exceed half as much again
// as the most ever in use at once.
#include <gtest/gtest.h>

#include <ATen/ATen.h>

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
    // A peak of 20 MiB: 30 may be held.
    const at::Tensor a = block(4 * kMiB), large = block(16 * kMiB);
    first = a.data_ptr();
  }
  EXPECT_EQ(MemoryReuse::bytes().kept, 20 * kMiB);
  {
    // Fits neither (16 MiB is a third larger): a block of its own, and 20 kept + 12 > 30.
    const at::Tensor other = block(12 * kMiB);
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

TEST(MemoryReuse, NeverMoreHeldThanHalfAgainThePeakInUse) {
  MemoryReuse reuse;
  reuse.release_kept();
  { const at::Tensor a = block(4 * kMiB), b = block(4 * kMiB); }  // peak 8 MiB, then kept
  ASSERT_EQ(MemoryReuse::bytes().peak_in_use, 8 * kMiB);
  const std::size_t limit = 12 * kMiB;
  ASSERT_EQ(static_cast<std::size_t>(MemoryReuse::kHeldOverPeak * 8 * kMiB), limit);
  // 3 MiB fits no kept block; 8 kept + 3 in use are within 12.
  const at::Tensor c = block(3 * kMiB);
  EXPECT_EQ(MemoryReuse::bytes().kept, 8 * kMiB);
  // Another: 8 + 3 + 3 would not be, so one 4 MiB block goes.
  const at::Tensor d = block(3 * kMiB);
  MemoryReuse::Bytes held = MemoryReuse::bytes();
  EXPECT_EQ(held.in_use, 6 * kMiB);
  EXPECT_EQ(held.kept, 4 * kMiB);
  EXPECT_LE(held.in_use + held.kept, limit);
  const at::Tensor e = block(6 * kMiB);  // the last kept block goes too: 6 + 4 + 6 > 12
  held = MemoryReuse::bytes();
  EXPECT_EQ(held.kept, 0u);
  EXPECT_EQ(held.peak_in_use, 12 * kMiB);
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
