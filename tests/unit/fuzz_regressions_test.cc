// Regressions of what fuzzing found or pinned (fuzz/README.md,
// docs/security/fuzzing.md): every parser of outside text keeps the JSON
// limits of docs/limits.md and answers a reason, never a crash.
#include <gtest/gtest.h>

#include <string>

#include "cli/cli_support.h"
#include "domain/json_limits.h"
#include "domain/legal_settings.h"

namespace thads {
namespace {

std::string nested(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// The settings file was parsed without the depth limit every other JSON text
// from outside has (json_limits.h).
TEST(FuzzRegressions, TheSettingsFileKeepsTheJsonDepthLimit) {
  std::string error;
  EXPECT_FALSE(LegalSettings::from_json(nested(200000), &error));
  EXPECT_NE(error.find("64"), std::string::npos) << error;
  EXPECT_FALSE(LegalSettings::from_json(std::string("{\"notify_wd_2025\":7}\0", 21), &error));
  EXPECT_TRUE(LegalSettings::from_json("{\"notify_wd_2025\":7}", &error)) << error;
}

// The --compare file of admin-reconcile likewise, and stray bytes after its
// object are refused rather than ignored.
TEST(FuzzRegressions, TheCompareFileKeepsTheJsonLimits) {
  std::string error;
  EXPECT_FALSE(cli::parse_compare_figures("{\"a\":" + nested(100000) + "}", &error));
  EXPECT_NE(error.find("64"), std::string::npos) << error;
  EXPECT_FALSE(cli::parse_compare_figures(std::string("{\"complied\":7}\0junk", 19), &error));
  EXPECT_FALSE(cli::parse_compare_figures("{\"complied\":7} []", &error));
  EXPECT_FALSE(cli::parse_compare_figures("[1,2]", &error));
  EXPECT_EQ(error, "expected one JSON object of figures");
  const auto ok = cli::parse_compare_figures("{\"complied\":7}", &error);
  ASSERT_TRUE(ok);
  EXPECT_EQ((*ok)["complied"], 7);
}

}  // namespace
}  // namespace thads
