// The router's PCRE2 engine (src/http/route_regex.h) matches exactly what
// RESTinio's std::regex engine matched: for every route of the table (the
// core's and every module's), the regex path2regex makes of its pattern is
// tried with both engines on paths made from every pattern (as written,
// upper case, trailing and doubled slashes, an extra segment, empty, dotted,
// escaped and non-ASCII parameters, a final newline), and both agree on
// whether it matches and on every captured group.
#include <gtest/gtest.h>

#include <restinio/all.hpp>

#include <set>
#include <string>
#include <vector>

#include "http/route_regex.h"
#include "http/routes.h"

namespace {

using restinio::router::std_regex_engine_t;
using thads::http::RouteRegexEngine;

template <class Engine>
auto compile(const std::string& pattern) {
  return restinio::path2regex::path2regex<restinio::router::impl::route_params_appender_t, Engine>(
      pattern, restinio::path2regex::options_t{});
}

std::string with_value(const std::string& pattern, const std::string& value) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != ':') {
      out += pattern[i];
      continue;
    }
    size_t j = i + 1;
    while (j < pattern.size() && (std::isalnum(static_cast<unsigned char>(pattern[j])) || pattern[j] == '_')) ++j;
    out += value;
    i = j - 1;
  }
  return out;
}

std::string upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

// (matched, groups as [begin, end) pairs)
template <class Engine, class Compiled>
std::pair<bool, std::vector<std::pair<size_t, size_t>>> try_match(const Compiled& re, const std::string& path) {
  typename Engine::match_results_t m;
  std::vector<std::pair<size_t, size_t>> groups;
  const bool ok = Engine::try_match(restinio::string_view_t(path.data(), path.size()), re, m);
  if (ok)
    for (size_t i = 0; i < m.size(); ++i)
      groups.emplace_back(Engine::submatch_begin_pos(m[i]), Engine::submatch_end_pos(m[i]));
  return {ok, groups};
}

TEST(HttpRouteRegex, MatchesWhatStdRegexMatchedOnEveryRoute) {
  const std::vector<thads::http::Route> routes = thads::http::all_routes();
  ASSERT_GT(routes.size(), 100u);

  std::set<std::string> paths{"/", "", "//", "/x", "/health\n", "/HEALTH", "/api/v1/"};
  for (const auto& r : routes) {
    if (r.pattern == "*") continue;
    for (const std::string v : {"x1", "AGI-2020-000001", "a.b", "%2F", "%C3%A9", "\xc3\xa9", "", "a b", "a;b"}) {
      const std::string p = with_value(r.pattern, v);
      for (const std::string& q : {p, p + "/", p + "//", p + "/extra", upper(p), p + "\n", p + "?", p + "#"})
        paths.insert(q);
    }
  }

  size_t matched = 0;
  for (const auto& r : routes) {
    if (r.pattern == "*") continue;
    SCOPED_TRACE(r.pattern);
    const auto old_re = compile<std_regex_engine_t>(r.pattern);
    const auto new_re = compile<RouteRegexEngine>(r.pattern);
    for (const std::string& path : paths) {
      const auto a = try_match<std_regex_engine_t>(old_re.m_regex, path);
      const auto b = try_match<RouteRegexEngine>(new_re.m_regex, path);
      ASSERT_EQ(a.first, b.first) << "path \"" << path << "\"";
      if (!a.first) continue;
      ++matched;
      // std::regex reports trailing groups that took no part; PCRE2 leaves
      // them out (RESTinio's router fills them in as empty). The routes have
      // no optional groups, so every group is there in both.
      ASSERT_EQ(a.second, b.second) << "path \"" << path << "\"";
    }
  }
  EXPECT_GT(matched, routes.size());  // every route matched some of the paths
}

TEST(HttpRouteRegex, RefusesAPatternThatDoesNotCompile) {
  EXPECT_THROW(RouteRegexEngine::compile_regex("^(unclosed", false), restinio::exception_t);
}

}  // namespace
