// web/openapi.json documents exactly the routes the server registers.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "http/routes.h"
#include "http/templates.h"

namespace thads::http {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

nlohmann::json load_openapi() {
  std::ifstream in(find_web_dir() + "/openapi.json");
  std::stringstream ss;
  ss << in.rdbuf();
  return nlohmann::json::parse(ss.str(), nullptr, false);
}

TEST(HttpOpenApi, EveryRouteIsDocumentedAndNothingElse) {
  const nlohmann::json doc = load_openapi();
  ASSERT_TRUE(doc.is_object()) << "web/openapi.json is missing or not JSON";
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  std::set<std::string> routes, documented;
  for (const Route& r : all_routes())  // express ":id" is OpenAPI "{id}"
    routes.insert(lower(r.method) + " " + std::regex_replace(r.pattern, std::regex(":([a-z_]+)"), "{$1}"));
  for (const auto& [path, ops] : doc["paths"].items())
    for (const auto& [method, op] : ops.items()) documented.insert(method + " " + path);
  for (const auto& r : routes) EXPECT_TRUE(documented.count(r)) << r << " is served but not documented";
  for (const auto& d : documented) EXPECT_TRUE(routes.count(d)) << d << " is documented but not served";
}

TEST(HttpOpenApi, PathParametersAndReferencesResolve) {
  const nlohmann::json doc = load_openapi();
  for (const auto& [path, ops] : doc["paths"].items())
    for (const auto& [method, op] : ops.items()) {
      EXPECT_TRUE(op.contains("responses")) << method << " " << path;
      EXPECT_TRUE(op.contains("operationId")) << method << " " << path;
      std::smatch m;
      std::string rest = path;
      while (std::regex_search(rest, m, std::regex("\\{([a-z_]+)\\}"))) {
        bool declared = false;
        for (const auto& p : op.value("parameters", nlohmann::json::array()))
          declared |= p["in"] == "path" && p["name"] == m[1].str();
        EXPECT_TRUE(declared) << method << " " << path << " lacks path parameter " << m[1];
        rest = m.suffix();
      }
    }
  const std::string text = doc.dump();
  std::smatch m;
  std::string rest = text;
  while (std::regex_search(rest, m, std::regex("#/components/(schemas|responses)/([A-Za-z]+)"))) {
    EXPECT_TRUE(doc["components"][m[1].str()].contains(m[2].str())) << m[0];
    rest = m.suffix();
  }
}

}  // namespace
}  // namespace thads::http
