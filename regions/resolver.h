// Where an agency sits: its name (and the report's text, and a sources file's division code) →
// one division of the national data and whether the agency is that region's government or one of
// its departments. Never a guess: a name that fits several divisions, with nothing in the text to
// tell them apart, is reported as ambiguous with its candidates.
//
// How a name is read (docs/regions.md):
// 1. Aliases first (data/regions/aliases.tsv): a place's former name at the start (四平市公主岭市 →
//    长春市公主岭市); a prefix of a body that is not the place's government (国家税务总局) set aside.
// 2. The longest chain of place names from the start, each one inside the one before it (长春市 ·
//    南关区 · 新春街道; 人民政府 may stand between two: 南关区人民政府新春街道办事处). A place may be
//    printed by its full name, its short form (延边州, 长白县, 广西), or, failing any exact name there,
//    the former form of a rename that kept its stem (九台市 for 九台区, 城关乡 for 城关镇).
// 3. What follows the chain decides the role (data/regions/agency_words.tsv): nothing, 人民政府,
//    政府, 办事处, 行政公署, a zone's 管委会 → the government; anything else → a department of it
//    (南关区教育局, 长春市人民政府办公室).
// 4. The sources file's code wins: the candidates inside it are kept; none inside it → the code's
//    division is taken and the mismatch reported. Several candidates left → the ancestors the
//    title and text name settle it when they name those of exactly one; otherwise ambiguous.
#pragma once

#include "regions/divisions.h"

#include <string>
#include <string_view>
#include <vector>

namespace xxgk::regions {

struct PlaceQuery {
  std::string_view agency;       // the report's agency as printed (display form)
  std::string_view context;      // the report's title and text: the ancestors it names settle an ambiguous name
  std::string_view region_code;  // a sources file's division code for the agency (empty: none); it wins
};

struct Placement {
  enum class Outcome {
    placed,     // division and role are set
    no_agency,  // nothing to place: no agency name and no code
    unknown,    // the name holds no place of the data, and no code was given
    ambiguous,  // several divisions fit; candidates lists them
  };
  Outcome outcome = Outcome::no_agency;
  int division = -1;
  std::string role;        // government | department
  std::string department;  // a department's own name after its place (教育局), keyed, aliases applied
  std::vector<int> candidates;  // ambiguous: the divisions the name fits, by code
  bool code_unknown = false;    // region_code is not in the data (ignored)
  int code_mismatch = -1;       // the division the name points at when region_code overruled it
  bool former_name = false;     // placed through a rename's former form (九台市 → 九台区)

  // The agency's identity across years and renames: "<code>/government" or
  // "<code>/department/<department>"; for an agency that is not placed, "name/<agency_key>".
  std::string identity(std::string_view agency, const Divisions& divisions = Divisions::national()) const;
};

Placement resolve(const PlaceQuery& query, const Divisions& divisions = Divisions::national());

}  // namespace xxgk::regions
