// Held answers sent compressed (src/http/held_gzip.h): the work queue goes
// gzip-compressed to a client that accepts it, decompresses to exactly the
// plain answer, is compressed once while the answer is held, and follows a
// write at once; a client that does not accept gzip gets it plain.
#include <gtest/gtest.h>

#include <restinio/transforms/zlib.hpp>

#include "http/held_gzip.h"
#include "http_test_support.h"

namespace thads::testing {
namespace {

std::string gunzip(const std::string& gz) {
  return restinio::transforms::zlib::gzip_decompress(restinio::string_view_t{gz.data(), gz.size()});
}

http::Request with_accept(const std::string& v) {
  http::Request r;
  if (!v.empty()) r.headers["accept-encoding"] = v;
  return r;
}

TEST(HeldGzip, TheClientsAcceptEncodingIsRead) {
  EXPECT_TRUE(http::accepts_gzip(with_accept("gzip, deflate, br")));
  EXPECT_TRUE(http::accepts_gzip(with_accept("GZIP")));
  EXPECT_TRUE(http::accepts_gzip(with_accept("br;q=1.0, gzip;q=0.8, *;q=0.1")));
  EXPECT_TRUE(http::accepts_gzip(with_accept("*")));
  EXPECT_FALSE(http::accepts_gzip(with_accept("")));
  EXPECT_FALSE(http::accepts_gzip(with_accept("identity")));
  EXPECT_FALSE(http::accepts_gzip(with_accept("gzip;q=0")));
  EXPECT_FALSE(http::accepts_gzip(with_accept("gzip;q=0, *")));  // gzip refused by name
  EXPECT_FALSE(http::accepts_gzip(with_accept("gzip;q=x")));     // does not parse: plain
}

TEST(HeldGzip, ABodyIsCompressedOnceForItsOwnerOnly) {
  auto a = std::make_shared<const std::string>(std::string(5000, 'a'));
  auto b = std::make_shared<const std::string>(std::string(5000, 'b'));
  const auto before = http::held_gzip_stats().compressed;
  const http::Request gz = with_accept("gzip");
  auto ra = http::held_json_response(gz, a, *a);
  auto ra2 = http::held_json_response(gz, a, *a);
  auto rb = http::held_json_response(gz, b, *b);
  EXPECT_EQ(http::held_gzip_stats().compressed, before + 2);  // a once, b once
  EXPECT_EQ(gunzip(ra.body), *a);
  EXPECT_EQ(ra2.body, ra.body);
  EXPECT_EQ(gunzip(rb.body), *b);
  EXPECT_LT(ra.body.size(), 100u);
  // A small body and a client without gzip: plain, and said to vary.
  auto small = std::make_shared<const std::string>("{}");
  auto rs = http::held_json_response(gz, small, *small);
  EXPECT_EQ(rs.body, "{}");
  auto plain = http::held_json_response(with_accept("identity"), a, *a);
  EXPECT_EQ(plain.body, *a);
  for (const auto* r : {&ra, &rs, &plain}) {
    bool vary = false, encoded = false;
    for (const auto& [k, v] : r->headers) {
      vary = vary || (k == "Vary" && v == "Accept-Encoding");
      encoded = encoded || k == "Content-Encoding";
    }
    EXPECT_TRUE(vary);
    EXPECT_EQ(encoded, r == &ra);
  }
  // When the owner is gone, a new answer at the same address is compressed
  // anew, never served the old bytes.
  a.reset();
  auto c = std::make_shared<const std::string>(std::string(5000, 'c'));
  EXPECT_EQ(gunzip(http::held_json_response(gz, c, *c).body), *c);
}

// Enough cases with deadlines that the queue is larger than kGzipMinBytes.
std::string seed() {
  std::string s = web_seed();
  for (int i = 10; i < 40; ++i)
    s += R"({"kind":"event","case":"HN-)" + std::to_string(i) +
         R"(","seq":1,"type":"case_opened","date":"2024-12-02","agency":"HN-KV1","mode":"proactive","judgment_kind":"civil","judgment":{"number":")" +
         std::to_string(i) +
         R"(/2024/DS-ST","court":"TAND khu vực 1","date":"2024-10-01","effective_date":"2024-11-01"},"debtor":{"name":"Trần Văn Hải","kind":"person"},"creditor":{"name":"Nhà nước","kind":"state"},"obligations":[{"category":"court_fee","amount":1000000}]}
)";
  return s;
}

TEST(HttpHeldGzip, TheWorkQueueGoesCompressedAndFollowsAWrite) {
  TestServer server(seed());
  Client head = server.client();
  ASSERT_EQ(head.login("head1"), 200);
  const std::string target = "/api/v1/deadlines?agency=HN-KV1";
  auto plain = head.get(target);
  ASSERT_EQ(plain.status, 200);
  ASSERT_GT(plain.body.size(), http::kGzipMinBytes);
  EXPECT_EQ(plain.header("content-encoding"), "");
  EXPECT_EQ(plain.header("vary"), "Accept-Encoding");
  auto gz = head.get(target, {{"Accept-Encoding", "gzip, deflate"}});
  ASSERT_EQ(gz.status, 200);
  EXPECT_EQ(gz.header("content-encoding"), "gzip");
  EXPECT_EQ(gz.header("content-type"), "application/json");
  EXPECT_EQ(gunzip(gz.body), plain.body);
  EXPECT_LT(gz.body.size() * 4, plain.body.size());
  const auto compressed = http::held_gzip_stats().compressed;
  EXPECT_EQ(head.get(target, {{"Accept-Encoding", "gzip"}}).body, gz.body);
  EXPECT_EQ(http::held_gzip_stats().compressed, compressed);  // held: not compressed again

  // A case opened in the agency: the next answer, compressed or not, has it.
  nlohmann::json ev{{"agency", "HN-KV1"}, {"mode", "proactive"}, {"judgment_kind", "civil"},
                    {"judgment", {{"number", "77/2025/DS-ST"}, {"court", "TAND"}, {"date", "2025-03-01"}, {"effective_date", "2025-04-01"}}},
                    {"debtor", {{"name", "Đỗ Văn Phúc"}, {"kind", "person"}}},
                    {"creditor", {{"name", "Nhà nước"}, {"kind", "state"}}},
                    {"obligations", {{{"category", "court_fee"}, {"amount", 1000000}}}}};
  auto opened = head.post_json("/api/v1/cases", {{"event", ev}, {"officer", "HN-CHV-1"}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  auto after = gunzip(head.get(target, {{"Accept-Encoding", "gzip"}}).body);
  EXPECT_NE(after.find("Đỗ Văn Phúc"), std::string::npos);
  EXPECT_EQ(after, head.get(target).body);
}

}  // namespace
}  // namespace thads::testing
