// `thads user`: the accounts from the command line, on a store made by
// `thads import` (no account tables yet) and after an account is added.
// The commands live in src/cli/cmd_user.cc, outside the web layer.
#include <gtest/gtest.h>

#include <fstream>

#include "../support/run_command.h"
#include "../support/temp_store.h"

namespace thads {
namespace {

using testing::output_of;

const std::string kThads = THADS_BINARY;

TEST(CliUser, ListAddAndDisableOnAnImportedStore) {
  const std::string dir = testing::temp_dir(), db = dir + "/u.db", seed = dir + "/seed.jsonl";
  std::ofstream(seed) << R"({"kind":"format","v":1})" << "\n"
                      << R"({"kind":"agency","code":"HN","name":"THADS Hà Nội","level":"province","parent":null})"
                      << "\n";
  int rc = -1;
  std::string out = output_of(kThads + " import --db " + db + " " + seed, &rc);
  ASSERT_EQ(rc, 0) << out;

  // No account yet: an empty list, not an error about a read-only store.
  out = output_of(kThads + " user list --db " + db, &rc);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(out, "");

  out = output_of("printf 'mat-khau-dai-du-12\\n' | " + kThads + " user add --db " + db +
                      " --login truong.hn --role head --agency HN",
                  &rc);
  ASSERT_EQ(rc, 0) << out;
  out = output_of(kThads + " user list --db " + db, &rc);
  EXPECT_EQ(rc, 0);
  EXPECT_NE(out.find("truong.hn\thead\tHN\t\tactive"), std::string::npos) << out;

  out = output_of(kThads + " user disable --db " + db + " --login truong.hn", &rc);
  EXPECT_EQ(rc, 0) << out;
  out = output_of(kThads + " user list --db " + db, &rc);
  EXPECT_NE(out.find("truong.hn\thead\tHN\t\tinactive"), std::string::npos) << out;

  // A store that does not exist has no accounts, and is not created.
  out = output_of(kThads + " user list --db " + dir + "/none.db", &rc);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_FALSE(std::ifstream(dir + "/none.db").good());
}

}  // namespace
}  // namespace thads
