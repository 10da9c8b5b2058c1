// The authorisation matrix (issue 12, docs/security/authz-matrix.md),
// generated from the route table: every route of `thads serve` (the core's
// and every module's) × anonymous and every role × a case of the user's own
// subtree, of another subtree, and one that does not exist (routes with
// :id), each answered with the status the server gives a minimal request
// (no body beyond the CSRF token). The table must equal the committed
// document: a new route, or a change of who may use one, fails this test
// until the document is regenerated and reviewed:
//
//   THADS_WRITE_AUTHZ=1 build/thads_tests --gtest_filter='HttpAuthzMatrix.*'
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <tuple>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "http/routes.h"
#include "http_test_support.h"

namespace thads {
namespace {

using testing::Client;
using testing::HttpResponse;
using testing::TestServer;

// The source tree: THADS_SHARED_DIR is "<source>/../shared" (CMakeLists.txt);
// __FILE__ is no help, ccache's base_dir makes it relative.
const std::string kDoc = [] {
  const std::string shared = THADS_SHARED_DIR;
  return shared.substr(0, shared.rfind("/../shared")) + "/docs/security/authz-matrix.md";
}();

// Routes that end the session they are sent with: sent with a fresh one.
bool ends_session(const http::Route& r) {
  return r.method != "GET" && (r.pattern == "/api/v1/session" || r.pattern == "/logout");
}

std::string substitute(const std::string& pattern, const std::string& id) {
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    if (pattern[i] != ':') {
      out += pattern[i++];
      continue;
    }
    size_t j = i + 1;
    while (j < pattern.size() && (std::isalnum(static_cast<unsigned char>(pattern[j])) || pattern[j] == '_')) ++j;
    const std::string name = pattern.substr(i + 1, j - i - 1);
    out += name == "id" ? id : name == "form" ? "cases" : name == "file" ? "thads.css" : "x";
    i = j;
  }
  return out;
}

class HttpAuthzMatrix : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static inline TestServer* server_ = nullptr;

  HttpResponse send(Client& c, const http::Route& r, const std::string& target) {
    if (r.method == "GET") return c.get(target);
    if (r.method == "DELETE") return c.del(target);
    if (r.method == "PUT") return c.put_json(target, nlohmann::json::object());
    if (r.kind == http::Kind::page) return c.post_form(target, {});
    return c.post_json(target, nlohmann::json::object());
  }
};

TEST_F(HttpAuthzMatrix, EveryRouteAndRoleAnswersAsTheDocumentSays) {
  std::vector<std::string> who{"anonymous"};
  std::map<std::string, Client> clients;
  clients.emplace("anonymous", server_->client());
  for (const auto& u : testing::web_users()) {
    who.push_back(u.role);
    Client c = server_->client();
    ASSERT_EQ(c.login(u.login), 200) << u.login;
    clients.emplace(u.role, c);
  }
  std::ostringstream doc;
  doc << "# Authorisation matrix\n\n"
         "Generated from the route table by tests/integration/http_authz_matrix_test.cc (do not edit by hand;\n"
         "regenerate with `THADS_WRITE_AUTHZ=1 build/thads_tests --gtest_filter='HttpAuthzMatrix.*'` and review\n"
         "the difference). Each cell is the status `thads serve` answers a minimal request of that route (no\n"
         "body beyond the CSRF token) from someone anonymous or signed in with that role, bound to an agency\n"
         "whose subtree holds case HN-1 and not HCM-1 (tests/integration/http_test_support.h). For routes with\n"
         "`:id`: **own** = HN-1, **other** = HCM-1 (another subtree: 404, never revealing existence), **none** =\n"
         "a case that does not exist. 401/303: not signed in (401 also: wrong current password); 403: signed\n"
         "in, not allowed; 400/422: the empty request refused as malformed, which writes check before the\n"
         "access decision (so such a cell says nothing about access: see HttpAuthorization.* for writes with\n"
         "valid bodies); 429: the login throttle, reached by the rows before. The test also requires that,\n"
         "for every role, `other` answers exactly as `none`.\n\n|Route|";
  for (const auto& w : who) doc << w << "|";
  doc << "\n|---|";
  for (size_t i = 0; i < who.size(); ++i) doc << "---|";
  doc << "\n";
  std::set<std::string> leaks;
  std::map<std::string, std::map<std::string, int>> seen;  // role -> variant -> status
  // In a fixed order: modules register their routes in link order.
  std::vector<http::Route> routes = http::all_routes();
  std::stable_sort(routes.begin(), routes.end(), [](const http::Route& a, const http::Route& b) {
    return std::tie(a.pattern, a.method) < std::tie(b.pattern, b.method);
  });
  for (const http::Route& r : routes) {
    const bool has_id = r.pattern.find(":id") != std::string::npos;
    std::vector<std::pair<std::string, std::string>> variants =
        has_id ? std::vector<std::pair<std::string, std::string>>{{"own", "HN-1"}, {"other", "HCM-1"}, {"none", "NOPE-9"}}
               : std::vector<std::pair<std::string, std::string>>{{"", ""}};
    for (const auto& [label, id] : variants) {
      doc << "|`" << r.method << " " << r.pattern << "`" << (label.empty() ? "" : " " + label) << "|";
      for (const auto& w : who) {
        Client c = clients.at(w);
        if (ends_session(r) && w != "anonymous") {
          c = server_->client();
          for (const auto& u : testing::web_users())
            if (u.role == w) c.login(u.login);
        }
        const int status = send(c, r, substitute(r.pattern, id)).status;
        doc << status << "|";
        seen[w][label] = status;
        if (!ends_session(r)) clients.at(w).cookies = c.cookies;
      }
      doc << "\n";
    }
    // A case of another subtree must look like one that does not exist.
    for (const auto& w : who)
      if (has_id && seen[w]["other"] != seen[w]["none"]) leaks.insert(w + " " + r.method + " " + r.pattern);
  }
  const std::string table = doc.str();
  if (std::getenv("THADS_WRITE_AUTHZ")) {
    std::ofstream(kDoc, std::ios::binary) << table;
    std::printf("wrote %s\n", kDoc.c_str());
  }
  std::ifstream in(kDoc, std::ios::binary);
  std::ostringstream have;
  have << in.rdbuf();
  EXPECT_EQ(have.str(), table) << "the authorisation matrix changed (a new route, or a changed rule): regenerate "
                               << kDoc << " with THADS_WRITE_AUTHZ=1 and review the difference";
  EXPECT_TRUE(leaks.empty()) << "answers for a case of another subtree: " << *leaks.begin();
}

}  // namespace
}  // namespace thads
