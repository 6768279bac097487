// The documents named by command-line paths: files as given, folders walked recursively.
#pragma once

#include <string>
#include <vector>

namespace xxgk {

// Files given directly are always taken (whatever their name); inside folders, entries whose
// extension is a document format we read (pdf, html, htm, shtml, xhtml, txt, docx, doc, wps),
// whatever they are: a dangling link or a FIFO with such a name is listed (never opened here) so
// that its record or the audit's summary reports it; a folder that cannot be listed is listed
// itself. Links to folders are not followed. The result is in byte-wise sorted order, without
// duplicates. A path that does not exist is kept so that its record says so.
std::vector<std::string> collect_documents(const std::vector<std::string>& paths);

bool is_document_name(const std::string& path);

}  // namespace xxgk
