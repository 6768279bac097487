// Prints the rules of ICU's Traditional-Simplified transliterator (toRules) as UTF-8, after a first
// line with the version of the ICU library it ran against. Run at build time (text/CMakeLists.txt):
// xxgk applies these rules itself instead of creating the transliterator, which initializes ICU's
// whole transliterator registry (~170 M instructions, ~40% of a worker process's start-up); text.cpp
// uses the built-in copy only when the ICU it runs against is the same version.
#include <unicode/translit.h>
#include <unicode/uversion.h>

#include <cstdio>
#include <memory>
#include <string>

int main() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !t) {
    std::fprintf(stderr, "ICU Traditional-Simplified unavailable: %s\n", u_errorName(status));
    return 1;
  }
  UVersionInfo v;
  u_getVersion(v);
  char version[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(v, version);
  icu::UnicodeString rules;
  t->toRules(rules, false);
  std::string out;
  rules.toUTF8String(out);
  std::printf("%s\n", version);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::ferror(stdout) ? 1 : 0;
}
