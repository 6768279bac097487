// The documents named by command-line paths: files as given, folders walked recursively.
#pragma once

#include <string>
#include <vector>

namespace xxgk {

// Files given directly are always taken (whatever their name); inside folders, files whose
// extension is a document format we read (pdf, html, htm, shtml, xhtml, txt, docx, doc, wps).
// The result is in byte-wise sorted order, without duplicates. A path that does not exist is
// kept so that its record says so.
std::vector<std::string> collect_documents(const std::vector<std::string>& paths);

bool is_document_name(const std::string& path);

}  // namespace xxgk
