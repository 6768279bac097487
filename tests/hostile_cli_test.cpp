// Hostile input and faults through the real binary (issue 17): each test pins a case that went
// wrong before, named after what must hold now.
#include "audit_fixtures.h"

#include <gtest/gtest.h>

namespace {

using namespace audit_test;

std::string xxgk() { return std::string(XXGK_BINARY); }

TEST(HostileCli, ExtractHasTheAuditsTimeLimit) {
  std::string help;
  ASSERT_EQ(run(xxgk() + " extract --help", &help), 0);
  EXPECT_NE(help.find("--doc-timeout FLOAT:NONNEGATIVE=120"), std::string::npos) << help;
  ASSERT_EQ(run(xxgk() + " audit --help", &help), 0);
  EXPECT_NE(help.find("--doc-timeout FLOAT:NONNEGATIVE=120"), std::string::npos) << help;
}

}  // namespace
