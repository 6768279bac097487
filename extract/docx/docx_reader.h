// The DOCX reader as a function, for the DOCX extractor and for DOC/WPS files that LibreOffice
// has converted to DOCX.
#pragma once

#include "extract/docx/zip_archive.h"
#include "extract/extractor.h"

#include <string>
#include <string_view>

namespace xxgk {

// Reads a DOCX held in memory: the main document part's body as blocks (see wordml_body.h) and
// the title from the core properties (dc:title) as the title hint. Pages are not known in DOCX
// (the layout is made by the program that displays it), so pages stay null. `format` is what the
// record names the source as ("docx"; "doc"/"wps" after a conversion). Throws DocumentError:
// corrupt, zip_bomb, too_large, encrypted, unsafe_xml, not_docx, no_text, timeout.
Document read_docx(std::string_view bytes, std::string format, const ExtractOptions& options,
                   const ArchiveLimits& limits = {});

}  // namespace xxgk
