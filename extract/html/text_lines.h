// Text as a browser lays it out: runs of white space (and &nbsp;) collapse to one space, a line
// break in the source between two Chinese characters disappears (CSS Text's segment-break rule),
// invisible zero-width characters are dropped, and <br> / block boundaries end a line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace xxgk::html {

class TextLines {
 public:
  // Appends the text of a text node. In preformatted text (<pre>) line breaks end lines.
  void append(std::string_view text, bool preformatted = false);
  // Ends the current line (a <br>, or the edge of a block); empty lines are not kept.
  void line_break();
  bool current_line_empty() const { return line_.empty(); }
  // The lines so far (the current one ended first), each trimmed of white space incl. U+3000.
  std::vector<std::string> take_lines();
  // The lines joined by '\n'.
  std::string joined();
  size_t size_bytes() const { return bytes_; }

 private:
  void put(std::string_view utf8_char, char32_t cp);
  std::vector<std::string> lines_;
  std::string line_;
  bool pending_space_ = false;
  bool pending_newline_ = false;  // the pending white space held a source line break
  bool last_wide_ = false;        // the last character put was an East Asian wide one
  size_t bytes_ = 0;
};

// Collapses the white space of a short string as TextLines does (one line; breaks become spaces).
std::string collapse_spaces(std::string_view text);

}  // namespace xxgk::html
