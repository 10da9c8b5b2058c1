// PgCutProxy: a TCP proxy in front of the PostgreSQL test server that cuts
// a connection at the COMMIT of a write transaction, for the tests of a
// commit whose outcome the client cannot see (issue 12 item 3,
// docs/security/faults.md):
// - Cut::before_commit: the COMMIT never reaches the server (the client's
//   connection and the server's are closed): the server rolls back.
// - Cut::after_commit: the COMMIT is passed on, the server commits and
//   answers, and the answer is dropped as both connections are closed: the
//   write is there but the client saw its connection die.
//
// Contract: connect with sslmode=disable and gssencmode=disable (the proxy
// reads the client's messages: the untyped startup message, then
// type + length framed messages). A write transaction is one whose simple
// query began with "BEGIN ISOLATION LEVEL READ COMMITTED" (PgDb's
// begin_write); arm() cuts the next COMMIT of one, once. Every connection
// gets a thread; the destructor stops and joins them.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace thads::testing {

class PgCutProxy {
 public:
  enum class Cut { none, before_commit, after_commit };

  PgCutProxy(std::string upstream_host, int upstream_port)
      : host_(std::move(upstream_host)), upstream_port_(upstream_port) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::listen(listen_fd_, 16) != 0)
      throw std::runtime_error("PgCutProxy: cannot listen");
    socklen_t len = sizeof a;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  ~PgCutProxy() {
    stop_ = true;
    acceptor_.join();
    ::close(listen_fd_);
    std::lock_guard lock(mu_);
    for (std::thread& t : pumps_) t.join();
  }
  PgCutProxy(const PgCutProxy&) = delete;
  PgCutProxy& operator=(const PgCutProxy&) = delete;

  int port() const { return port_; }
  void arm(Cut c) { armed_ = c; }
  int cuts() const { return cuts_; }

 private:
  static uint32_t be32(const char* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return ntohl(v);
  }
  static bool send_all(int fd, const char* p, size_t n) {
    while (n > 0) {
      const ssize_t k = ::send(fd, p, n, MSG_NOSIGNAL);
      if (k <= 0) return false;
      p += k, n -= static_cast<size_t>(k);
    }
    return true;
  }

  void accept_loop() {
    while (!stop_) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const int client = ::accept(listen_fd_, nullptr, nullptr);
      if (client < 0) continue;
      std::lock_guard lock(mu_);
      pumps_.emplace_back([this, client] { pump(client); });
    }
  }

  int connect_upstream() const {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(upstream_port_));
    ::inet_pton(AF_INET, host_.c_str(), &a.sin_addr);
    if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) return fd;
    if (fd >= 0) ::close(fd);
    return -1;
  }

  // Passes whole client messages on; returns false when the connection is
  // to be closed (the client left, or a cut fired).
  bool from_client(int server, std::string& buf, bool& startup, bool& in_write) {
    for (;;) {
      if (startup) {
        if (buf.size() < 8) return true;
        const uint32_t len = be32(buf.data());
        if (buf.size() < len) return true;
        const uint32_t code = be32(buf.data() + 4);
        if (!send_all(server, buf.data(), len)) return false;
        buf.erase(0, len);
        startup = code == 80877103 || code == 80877104;  // SSL / GSS request: the startup follows
        continue;
      }
      if (buf.size() < 5) return true;
      const size_t len = 1 + be32(buf.data() + 1);
      if (buf.size() < len) return true;
      const std::string msg = buf.substr(0, len);
      buf.erase(0, len);
      if (msg[0] == 'Q') {
        const std::string text = msg.substr(5);
        if (text.rfind("BEGIN ISOLATION LEVEL READ COMMITTED", 0) == 0) in_write = true;
        if (text.rfind("COMMIT", 0) == 0 && in_write) {
          in_write = false;
          const Cut cut = armed_.exchange(Cut::none);
          if (cut == Cut::before_commit) {
            ++cuts_;
            return false;
          }
          if (cut == Cut::after_commit) {
            ++cuts_;
            send_all(server, msg.data(), msg.size());
            // The server answers only once it has committed: wait for
            // the first byte of that answer, then drop it.
            pollfd p{server, POLLIN, 0};
            ::poll(&p, 1, 10000);
            return false;
          }
        }
      }
      if (!send_all(server, msg.data(), msg.size())) return false;
    }
  }

  void pump(int client) {
    const int server = connect_upstream();
    std::string buf;
    bool startup = true, in_write = false;
    char chunk[65536];
    while (server >= 0 && !stop_) {
      pollfd p[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
      if (::poll(p, 2, 50) <= 0) continue;
      if (p[0].revents) {
        const ssize_t n = ::recv(client, chunk, sizeof chunk, 0);
        if (n <= 0) break;
        buf.append(chunk, static_cast<size_t>(n));
        if (!from_client(server, buf, startup, in_write)) break;
      }
      if (p[1].revents) {
        const ssize_t n = ::recv(server, chunk, sizeof chunk, 0);
        if (n <= 0 || !send_all(client, chunk, static_cast<size_t>(n))) break;
      }
    }
    if (server >= 0) ::close(server);
    ::close(client);
  }

  std::string host_;
  int upstream_port_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<Cut> armed_{Cut::none};
  std::atomic<int> cuts_{0};
  std::mutex mu_;
  std::vector<std::thread> pumps_;
  std::thread acceptor_;
};

}  // namespace thads::testing
