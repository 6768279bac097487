// SHA-256 as lower-case hex, from libcrypto (Debian's OpenSSL): a maintained, vectorised digest
// (SHA-NI / AVX2 where the CPU has them) instead of a hand-written one, which cost 5% of a text PDF's
// time (issue 25). Streaming, so large files are hashed without being held in memory.
#pragma once

#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace xxgk {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;
  void update(std::string_view data);
  std::string hex();  // finishes the digest; call once

 private:
  struct Free {
    void operator()(evp_md_ctx_st* c) const;
  };
  std::unique_ptr<evp_md_ctx_st, Free> ctx_;
};

std::string sha256_hex(std::string_view data);

}  // namespace xxgk
