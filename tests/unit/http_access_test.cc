// Access rules (src/app/access.h): the subtree and each role's rights.
#include <gtest/gtest.h>

#include "app/access.h"

namespace thads {
namespace {

AgencyTree tree() {
  std::vector<AgencyNode> n(5);
  n[0].code = "CQL";
  n[1].code = "HN", n[1].parent = "CQL";
  n[2].code = "HN-KV1", n[2].parent = "HN";
  n[3].code = "HN-KV2", n[3].parent = "HN";
  n[4].code = "HCM", n[4].parent = "CQL";
  return AgencyTree(n);
}

Actor actor(Role r, const std::string& agency, const std::string& officer = "") { return {"u", r, agency, officer}; }

TEST(HttpAccess, SubtreeIsTheAgencyAndEverythingBelowIt) {
  const AgencyTree t = tree();
  Access a(t);
  EXPECT_TRUE(a.in_subtree(actor(Role::supervisor, "HN"), "HN"));
  EXPECT_TRUE(a.in_subtree(actor(Role::supervisor, "HN"), "HN-KV2"));
  EXPECT_FALSE(a.in_subtree(actor(Role::supervisor, "HN"), "HCM"));
  EXPECT_FALSE(a.in_subtree(actor(Role::supervisor, "HN"), "CQL"));
  EXPECT_FALSE(a.in_subtree(actor(Role::supervisor, "HN"), "NOWHERE"));
  EXPECT_EQ(a.subtree_codes(actor(Role::head, "HN")).size(), 3u);
  EXPECT_EQ(a.subtree_codes(actor(Role::head, "CQL")).size(), 5u);
  EXPECT_TRUE(a.subtree_codes(actor(Role::head, "HN-KV1"), "HN").empty());  // above the actor
}

TEST(HttpAccess, OutsideTheSubtreeIsAlwaysNotFound) {
  const AgencyTree t = tree();
  Access a(t);
  const CaseScope hcm{"HCM", "X"};
  for (Role r : kAllRoles) {
    const Actor x = actor(r, "HN", "X");
    EXPECT_EQ(a.read_case(x, hcm), Verdict::not_found);
    EXPECT_EQ(a.record_on_case(x, hcm, EventType::collected), Verdict::not_found);
    EXPECT_EQ(a.open_case(x, "HCM"), Verdict::not_found);
    EXPECT_EQ(a.view_reports(x, "HCM"), Verdict::not_found);
    EXPECT_EQ(a.view_dashboard(x, "HCM"), Verdict::not_found);
    EXPECT_EQ(a.manage_users(x, "HCM"), Verdict::not_found);
  }
}

TEST(HttpAccess, OfficersChangeOnlyTheirOwnCasesAndNeverAssign) {
  const AgencyTree t = tree();
  Access a(t);
  const Actor o = actor(Role::officer, "HN-KV1", "CHV-1");
  EXPECT_EQ(a.record_on_case(o, {"HN-KV1", "CHV-1"}, EventType::collected), Verdict::allow);
  EXPECT_EQ(a.record_on_case(o, {"HN-KV1", "CHV-2"}, EventType::collected), Verdict::forbidden);
  EXPECT_EQ(a.record_on_case(o, {"HN-KV1", ""}, EventType::collected), Verdict::forbidden);
  EXPECT_EQ(a.record_on_case(o, {"HN-KV1", "CHV-1"}, EventType::officer_assigned), Verdict::forbidden);
  EXPECT_EQ(a.read_case(o, {"HN-KV1", "CHV-2"}), Verdict::allow);
  // An officer account without an officer record changes nothing.
  EXPECT_EQ(a.record_on_case(actor(Role::officer, "HN-KV1"), {"HN-KV1", ""}, EventType::notified), Verdict::forbidden);
}

TEST(HttpAccess, EachRoleItsRights) {
  const AgencyTree t = tree();
  Access a(t);
  const CaseScope c{"HN-KV1", "CHV-1"};
  EXPECT_EQ(a.record_on_case(actor(Role::clerk, "HN"), c, EventType::collected), Verdict::allow);
  EXPECT_EQ(a.record_on_case(actor(Role::clerk, "HN"), c, EventType::officer_assigned), Verdict::forbidden);
  EXPECT_EQ(a.record_on_case(actor(Role::head, "HN-KV1"), c, EventType::officer_assigned), Verdict::allow);
  EXPECT_EQ(a.record_on_case(actor(Role::head, "HN-KV1"), c, EventType::case_opened), Verdict::forbidden);
  for (Role r : {Role::supervisor, Role::procuracy, Role::steering, Role::admin})
    EXPECT_EQ(a.record_on_case(actor(r, "HN"), c, EventType::notified), Verdict::forbidden);
  EXPECT_EQ(a.read_case(actor(Role::procuracy, "HN"), c), Verdict::allow);
  EXPECT_EQ(a.read_case(actor(Role::steering, "HN"), c), Verdict::forbidden);
  EXPECT_EQ(a.view_dashboard(actor(Role::steering, "HN"), "HN"), Verdict::allow);
  EXPECT_EQ(a.view_dashboard(actor(Role::officer, "HN-KV1"), "HN-KV1"), Verdict::forbidden);
  EXPECT_EQ(a.view_reports(actor(Role::admin, "HN"), "HN"), Verdict::forbidden);
  EXPECT_EQ(a.manage_users(actor(Role::admin, "HN"), "HN-KV2"), Verdict::allow);
  EXPECT_EQ(a.manage_users(actor(Role::head, "HN"), "HN-KV2"), Verdict::forbidden);
  EXPECT_EQ(a.open_case(actor(Role::clerk, "HN-KV1"), "HN-KV1"), Verdict::allow);
  EXPECT_EQ(a.open_case(actor(Role::officer, "HN-KV1"), "HN-KV1"), Verdict::forbidden);
}

}  // namespace
}  // namespace thads
