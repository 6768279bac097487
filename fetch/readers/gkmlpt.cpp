// Guangdong's 政府信息公开目录 platform (gkmlpt): the column page is JavaScript with an empty list;
// the entries come as JSON from /gkmlpt/api/all/<column>?page=N&sid=<site>:
// {"articles":[{"title","url","first_publish_time"},…],"total":…}. The sources file names that API
// URL as the listing.
#include "fetch/readers/readers.h"

#include <nlohmann/json.hpp>

#include <ctime>

namespace xxgk::fetch::readers {
namespace {

// A publication time as the API gives it: Unix seconds (or milliseconds), or a date string; the
// date in China (UTC+8).
std::optional<std::string> date_of(const nlohmann::json& v) {
  if (v.is_number()) {
    double t = v.get<double>();
    if (t > 1e11) t /= 1000;  // milliseconds
    if (t <= 0 || t > 4e9) return std::nullopt;
    const std::time_t local = static_cast<std::time_t>(t) + 8 * 3600;
    std::tm tm{};
    gmtime_r(&local, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return std::string(buf);
  }
  if (v.is_string()) return date_in_text(v.get<std::string>());
  return std::nullopt;
}

std::string text_of(const nlohmann::json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

class GkmlptReader : public ListingReader {
 public:
  std::string_view kind() const override { return "gkmlpt"; }

  ListingPage read(const Url& url, std::string_view bytes, int page) const override {
    ListingPage out;
    const nlohmann::json j = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      out.problem = url.path.find("/gkmlpt/api/") == std::string::npos
                        ? "not the gkmlpt API: give the column's /gkmlpt/api/all/<column>?page=1&sid=<site> URL as the listing"
                        : "the gkmlpt API did not answer JSON";
      return out;
    }
    const auto articles = j.find("articles");
    if (articles == j.end() || !articles->is_array()) {
      out.problem = "the gkmlpt API answer has no \"articles\" list";
      return out;
    }
    for (const auto& a : *articles) {
      if (!a.is_object()) continue;
      ListingEntry e;
      e.title = collapse_space(text_of(a, "title"));
      const auto u = resolve_url(url, text_of(a, "url"));
      if (e.title.empty() || !u) continue;
      e.url = *u;
      for (const char* key : {"first_publish_time", "publish_time", "date", "display_publish_time"})
        if (const auto it = a.find(key); it != a.end() && !e.published)
          if ((e.published = date_of(*it))) break;
      out.entries.push_back(std::move(e));
    }
    const auto total = j.find("total");
    if (page == 1 && total != j.end() && total->is_number_integer() && !articles->empty()) {
      const long per_page = static_cast<long>(articles->size());
      const long pages = std::min<long>((total->get<long>() + per_page - 1) / per_page, 500);
      for (long n = 2; n <= pages; ++n) out.more.push_back(with_query_param(url, "page", std::to_string(n)));
    }
    return out;
  }
};

}  // namespace

const ListingReader& gkmlpt_reader() {
  static const GkmlptReader r;
  return r;
}

}  // namespace xxgk::fetch::readers
