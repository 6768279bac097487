// SHA-256 (FIPS 180-4), as lower-case hex. Small enough to keep here rather than pull in a crypto
// library for one digest; streaming so large files are hashed without being held in memory.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace xxgk {

class Sha256 {
 public:
  void update(std::string_view data);
  std::string hex();  // finishes the digest; call once

 private:
  void compress(const unsigned char* block);
  std::array<uint32_t, 8> h_ = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::array<unsigned char, 64> buf_{};
  size_t buf_len_ = 0;
  uint64_t total_ = 0;
};

std::string sha256_hex(std::string_view data);

}  // namespace xxgk
