// The HTTP server: RESTinio (express router) on a thread pool, serving the
// route table of routes.h through dispatch().
//
// Contract: start() binds and returns once the server accepts connections
// (throws when it cannot bind); stop() closes it and waits for the threads.
// run_until_signal() serves until SIGINT or SIGTERM, calling `on_started`
// once the server accepts connections (it throws, as start() does, when it
// cannot bind: nothing runs then). The App outlives the server (the server
// holds a reference).
#pragma once

#include <functional>
#include <memory>

#include "http/app.h"

namespace thads::http {

// Limits of a request (docs/limits.md). A request over one of them is
// answered 414 (target), 431 (header fields), 413 (body), and a request that
// is not valid HTTP/1.1 — two Content-Length, Content-Length with
// Transfer-Encoding — 400; the connection is then closed. http_parser also
// caps the whole header section at 80 KiB (431).
inline constexpr size_t kMaxUrlBytes = 8 * 1024;
inline constexpr size_t kMaxHeaderNameBytes = 256;
inline constexpr size_t kMaxHeaderValueBytes = 8 * 1024;
inline constexpr size_t kMaxHeaderFields = 100;
inline constexpr size_t kMaxBodyBytes = 4 * 1024 * 1024;

class Server {
 public:
  explicit Server(App& app);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void start();
  void stop();
  void run_until_signal(const std::function<void()>& on_started = {});
  size_t threads() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace thads::http
