#include "memory_reuse.h"

#include <c10/core/Allocator.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>
#include <mutex>
#include <new>
#include <unordered_map>

namespace neural_style {
namespace {

constexpr std::size_t kMinKept = std::size_t(1) << 20;
constexpr std::size_t kAlignment = 64;  // as libtorch's own CPU allocator

class ReusingAllocator final : public c10::Allocator {
 public:
  // libtorch 1.13 declares allocate() const, 2.x non-const: both are here, and the one
  // that matches overrides.
  c10::DataPtr allocate(std::size_t bytes) const { return make(bytes); }
  c10::DataPtr allocate(std::size_t bytes) { return make(bytes); }
  c10::DeleterFnPtr raw_deleter() const override { return &give_back; }
  // Pure virtual from libtorch 2.3 on.
  void copy_data(void* dest, const void* src, std::size_t count) const {
    std::memcpy(dest, src, count);
  }

  void install(std::size_t headroom);
  void uninstall();
  void release_kept();
  static MemoryReuse::Bytes bytes();

 private:
  static c10::DataPtr make(std::size_t bytes);
  static void* take(std::size_t bytes);
  static void* reuse(std::size_t bytes);
  static void make_room(std::size_t bytes);
  static void give_back(void* data);

  static std::mutex mutex_;
  static int users_;
  static std::size_t headroom_;
  static c10::Allocator* previous_;
  static std::unordered_map<void*, std::size_t> in_use_;  // large blocks handed out
  static std::multimap<std::size_t, void*> kept_;          // large blocks freed, by size
  static std::size_t in_use_bytes_, kept_bytes_, peak_in_use_bytes_;
};

std::mutex ReusingAllocator::mutex_;
int ReusingAllocator::users_ = 0;
std::size_t ReusingAllocator::headroom_ = 0;
c10::Allocator* ReusingAllocator::previous_ = nullptr;
std::unordered_map<void*, std::size_t> ReusingAllocator::in_use_;
std::multimap<std::size_t, void*> ReusingAllocator::kept_;
std::size_t ReusingAllocator::in_use_bytes_ = 0;
std::size_t ReusingAllocator::kept_bytes_ = 0;
std::size_t ReusingAllocator::peak_in_use_bytes_ = 0;

ReusingAllocator the_allocator;

c10::DataPtr ReusingAllocator::make(std::size_t bytes) {
  void* data = bytes ? take(bytes) : nullptr;
  // The context is the data itself, as raw_allocate() (oneDNN's scratch memory) requires.
  return {data, data, &give_back, c10::Device(c10::DeviceType::CPU)};
}

void* ReusingAllocator::take(std::size_t bytes) {
  if (bytes >= kMinKept) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (void* data = reuse(bytes)) return data;
    make_room(bytes);
  }
  void* data = nullptr;
  if (posix_memalign(&data, kAlignment, bytes) != 0) throw std::bad_alloc();
  if (bytes >= kMinKept) {
    std::lock_guard<std::mutex> lock(mutex_);
    in_use_[data] = bytes;
    in_use_bytes_ += bytes;
    peak_in_use_bytes_ = std::max(peak_in_use_bytes_, in_use_bytes_);
  }
  return data;
}

// The smallest kept block that holds `bytes` and wastes at most a quarter more, now in
// use; or null. Call with the mutex held. Exact sizes alone thrashed: a step's tensors come
// in many near sizes (a padded copy, a crop), the blocks kept for one size were freed to
// make room for the next, and a quarter of a 512 px step went to zero-filling fresh pages.
void* ReusingAllocator::reuse(std::size_t bytes) {
  auto it = kept_.lower_bound(bytes);
  if (it == kept_.end() || it->first > bytes + bytes / 4) return nullptr;
  void* data = it->second;
  bytes = it->first;
  kept_.erase(it);
  kept_bytes_ -= bytes;
  in_use_[data] = bytes;
  in_use_bytes_ += bytes;
  peak_in_use_bytes_ = std::max(peak_in_use_bytes_, in_use_bytes_);
  return data;
}

// Frees kept blocks, largest first, so that with a new block of `bytes` the blocks held
// stay within the most ever in use at once plus the headroom (at most half of that): reuse
// never takes the run past its memory budget, which keeping blocks of every size it has
// seen would (3.8 instead of 3.0 GiB at 1024 px fp32). Without the headroom a block went at
// nearly every change of size, and a 512 px step zero-filled ~470 MB of fresh pages (2.5 M
// page faults in 16 steps, a third of the CPU in the kernel; with it 0.5 M, and a quarter
// less time; AMD EPYC AVX-512). Call with the mutex held.
void ReusingAllocator::make_room(std::size_t bytes) {
  const std::size_t limit = std::max(
      peak_in_use_bytes_ + std::min(peak_in_use_bytes_ / 2, headroom_), in_use_bytes_ + bytes);
  while (!kept_.empty() && in_use_bytes_ + kept_bytes_ + bytes > limit) {
    auto largest = std::prev(kept_.end());
    std::free(largest->second);
    kept_bytes_ -= largest->first;
    kept_.erase(largest);
  }
}

// Tensors may outlive the run that made them: once nobody uses the allocator, blocks go
// straight back to the system.
void ReusingAllocator::give_back(void* data) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = in_use_.find(data);
    if (it != in_use_.end()) {
      const std::size_t bytes = it->second;
      in_use_.erase(it);
      in_use_bytes_ -= bytes;
      if (users_ > 0) {
        kept_.emplace(bytes, data);
        kept_bytes_ += bytes;
        return;
      }
    }
  }
  std::free(data);
}

void ReusingAllocator::install(std::size_t headroom) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (users_++ > 0) return;
  headroom_ = headroom;
  previous_ = c10::GetAllocator(c10::DeviceType::CPU);
  c10::SetAllocator(c10::DeviceType::CPU, this);
}

void ReusingAllocator::uninstall() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (--users_ > 0) return;
    c10::SetAllocator(c10::DeviceType::CPU, previous_);
  }
  release_kept();
}

void ReusingAllocator::release_kept() {
  std::multimap<std::size_t, void*> blocks;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    blocks.swap(kept_);
    kept_bytes_ = 0;
    peak_in_use_bytes_ = in_use_bytes_;  // sizes change: the old peak no longer says much
  }
  for (const auto& block : blocks) std::free(block.second);
}

MemoryReuse::Bytes ReusingAllocator::bytes() {
  std::lock_guard<std::mutex> lock(mutex_);
  return {in_use_bytes_, kept_bytes_, peak_in_use_bytes_};
}

}  // namespace

MemoryReuse::Bytes MemoryReuse::bytes() { return ReusingAllocator::bytes(); }
std::size_t MemoryReuse::smallest_kept() { return kMinKept; }
MemoryReuse::MemoryReuse(std::size_t headroom) { the_allocator.install(headroom); }
MemoryReuse::~MemoryReuse() { the_allocator.uninstall(); }
void MemoryReuse::release_kept() { the_allocator.release_kept(); }

}  // namespace neural_style
