// A fuzz input as a file the loaders can open by path, in memory (a memfd seen through
// /proc/self/fd): no disk traffic per execution, and nothing left behind by a crash.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace neural_style::fuzz {

class InputFile {
 public:
  // `data` followed by `zeros` zero bytes, which cost nothing until read (a sparse end).
  InputFile(const std::uint8_t* data, std::size_t size, std::size_t zeros = 0)
      : fd_(memfd_create("fuzz-input", 0)) {
    if (fd_ < 0) throw std::runtime_error("memfd_create failed");
    for (std::size_t done = 0; done < size;) {
      const ssize_t n = write(fd_, data + done, size - done);
      if (n <= 0) throw std::runtime_error("writing the fuzz input failed");
      done += static_cast<std::size_t>(n);
    }
    if (zeros > 0 && ftruncate(fd_, static_cast<off_t>(size + zeros)) != 0)
      throw std::runtime_error("extending the fuzz input failed");
  }
  ~InputFile() { close(fd_); }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  std::string path() const { return "/proc/self/fd/" + std::to_string(fd_); }

 private:
  int fd_;
};

}  // namespace neural_style::fuzz
