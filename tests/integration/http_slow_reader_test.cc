// A large answer to a slow link (issue 12: a request never hangs a process,
// and what a user asks for arrives whole). RESTinio gives each write of an
// answer a time limit; written as one piece, an answer larger than the
// kernel's buffers had to reach the client whole within that limit, so a
// national export to a slow link was cut. Written in pieces, each write is
// at most 64 of them: a client that keeps reading gets the whole answer
// however long it takes, and one that stops reading is dropped.
//
// The kernel's buffers are made small on both sides (the server's
// send_buffer_bytes, the client's SO_RCVBUF) so that they stand in for a
// slow link instead of taking the whole answer at once.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "http_test_support.h"

namespace thads::testing {
namespace {

struct Received {
  std::string bytes;
  bool closed = false;  // the server closed the connection
};

// GET `target` on a connection whose receive buffer is small, reading
// `chunk` bytes every `pause`, until `want` bytes came or the server
// closed; `stall` first: nothing read for that long.
Received slow_get(uint16_t port, const std::string& target, size_t want, size_t chunk, std::chrono::milliseconds pause,
                  std::chrono::milliseconds stall = std::chrono::milliseconds(0)) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  const int rcvbuf = 4096;
  ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);  // before connect: the window stays small
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  Received r;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return r;
  }
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  const std::string request = "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n";
  ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::this_thread::sleep_for(stall);
  std::string buf(chunk, '\0');
  while (r.bytes.size() < want) {
    const ssize_t n = ::recv(fd, buf.data(), chunk, 0);
    if (n <= 0) {
      r.closed = true;
      break;
    }
    r.bytes.append(buf.data(), static_cast<size_t>(n));
    std::this_thread::sleep_for(pause);
  }
  ::close(fd);
  return r;
}

// The answer's whole length: its head and its Content-Length.
size_t whole_length(const std::string& head) {
  const size_t end = head.find("\r\n\r\n");
  const size_t cl = head.find("Content-Length: ");
  if (end == std::string::npos || cl == std::string::npos) return 0;
  return end + 4 + std::stoul(head.substr(cl + 16));
}

http::ServerConfig slow_link(size_t piece) {
  http::ServerConfig cfg;
  cfg.write_timeout_seconds = 2;
  cfg.send_buffer_bytes = 4096;
  cfg.write_piece_bytes = piece;
  return cfg;
}

// /api/v1/openapi.json (about 225 KB) read at about 45 KB/s: some 5 s, more
// than twice the 2 s a write may take. In 512-byte pieces each write is at
// most 32 KiB (under a second at that rate).
constexpr size_t kChunk = 2048;
constexpr auto kPause = std::chrono::milliseconds(45);

TEST(HttpSlowReader, AClientThatKeepsReadingGetsALargeAnswerWhole) {
  TestServer server(web_seed(), slow_link(512));
  const Received head = slow_get(server.port(), "/api/v1/openapi.json", 1, 4096, std::chrono::milliseconds(0));
  const size_t whole = whole_length(head.bytes);
  ASSERT_GT(whole, size_t{200'000}) << head.bytes.substr(0, 300);
  const auto start = std::chrono::steady_clock::now();
  const Received r = slow_get(server.port(), "/api/v1/openapi.json", whole, kChunk, kPause);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.bytes.size(), whole);
  EXPECT_EQ(r.bytes.rfind("HTTP/1.1 200", 0), 0u);
  EXPECT_GT(took, std::chrono::seconds(3));  // the link was slower than one write's limit
}

// The same answer in one piece (write_piece_bytes 0, as before): cut after
// the first write's limit. It shows the test's link is slow enough to tell.
TEST(HttpSlowReader, InOnePieceTheSameAnswerIsCut) {
  TestServer server(web_seed(), slow_link(0));
  const Received r = slow_get(server.port(), "/api/v1/openapi.json", 1 << 20, kChunk, kPause);
  EXPECT_TRUE(r.closed);
  EXPECT_LT(r.bytes.size(), size_t{200'000});
}

// A client that stops reading is dropped after a write's limit, and the
// server goes on serving.
TEST(HttpSlowReader, AClientThatStopsReadingIsDropped) {
  TestServer server(web_seed(), slow_link(512));
  const Received r = slow_get(server.port(), "/api/v1/openapi.json", 1 << 20, 65536, std::chrono::milliseconds(0),
                              std::chrono::milliseconds(5000));
  EXPECT_TRUE(r.closed);
  EXPECT_LT(r.bytes.size(), size_t{200'000});
  EXPECT_EQ(server.client().get("/health").status, 200);
}

}  // namespace
}  // namespace thads::testing
