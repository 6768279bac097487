#include "pipeline/sha256.h"

#include <gtest/gtest.h>

namespace xxgk {

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, StreamingEqualsOneShot) {
  std::string data(1000, 'x');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 7);
  Sha256 s;
  s.update(std::string_view(data).substr(0, 3));
  s.update(std::string_view(data).substr(3, 100));
  s.update(std::string_view(data).substr(103));
  EXPECT_EQ(s.hex(), sha256_hex(data));
}

TEST(Sha256, OneMillionAsInPieces) {  // FIPS 180-2, appendix B.3
  Sha256 s;
  const std::string piece(1000, 'a');
  for (int i = 0; i < 1000; ++i) s.update(piece);
  EXPECT_EQ(s.hex(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

}  // namespace xxgk
