// Shared by the fuzz targets: a check that aborts with a message (so
// libFuzzer saves the input and the replay test fails), and a reader that
// turns the fuzzer's bytes into small numbers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "entente/error.hpp"

namespace entente::fuzz {

[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz check failed: %s\n", what.c_str());
  std::abort();
}

inline void require(bool ok, const std::string& what) {
  if (!ok) fail(what);
}

/// Whether f() refuses its input the documented way (InvalidArgument); any
/// other exception propagates to the fuzzer as a finding.
template <class F>
bool refused(F&& f) {
  try {
    f();
    return false;
  } catch (const InvalidArgument&) {
    return true;
  }
}

/// The input bytes, consumed front to back; zeros once exhausted, so every
/// input decodes to something.
class Bytes {
 public:
  Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  std::uint8_t next() { return pos_ < size_ ? data_[pos_++] : 0; }
  /// A value in [lo, hi].
  int in(int lo, int hi) { return lo + int(next() % unsigned(hi - lo + 1)); }
  bool empty() const { return pos_ >= size_; }

 private:
  const std::uint8_t* data_;
  std::size_t size_, pos_ = 0;
};

}  // namespace entente::fuzz
