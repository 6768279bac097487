// Placeholder until the DOCX extractor lands: every DOCX document fails with a plain error.
#include "extract/extractor.h"
#include "model/errors.h"

namespace xxgk {
namespace {
class Pending final : public Extractor {
 public:
  Document extract(std::string_view, std::string_view, const ExtractOptions&) const override {
    throw DocumentError("unsupported_format", "DOCX documents are not read by this build yet",
                        "本版本尚不能读取 DOCX 文档");
  }
};
}  // namespace
std::unique_ptr<Extractor> make_docx_extractor() { return std::make_unique<Pending>(); }
}  // namespace xxgk
