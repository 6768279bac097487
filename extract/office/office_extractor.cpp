// Placeholder until the DOC/WPS extractor lands: every DOC/WPS document fails with a plain error.
#include "extract/extractor.h"
#include "model/errors.h"

namespace xxgk {
namespace {
class Pending final : public Extractor {
 public:
  Document extract(std::string_view, std::string_view, const ExtractOptions&) const override {
    throw DocumentError("unsupported_format", "DOC/WPS documents are not read by this build yet",
                        "本版本尚不能读取 DOC/WPS 文档");
  }
};
}  // namespace
std::unique_ptr<Extractor> make_office_extractor() { return std::make_unique<Pending>(); }
}  // namespace xxgk
