// The HTTP server: RESTinio (express router) on a thread pool, serving the
// route table of routes.h through dispatch().
//
// Contract: start() binds and returns once the server accepts connections
// (throws when it cannot bind); stop() closes it and waits for the threads.
// run_until_signal() serves until SIGINT or SIGTERM. The App outlives the
// server (the server holds a reference).
#pragma once

#include <memory>

#include "http/app.h"

namespace thads::http {

class Server {
 public:
  explicit Server(App& app);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void start();
  void stop();
  void run_until_signal();
  size_t threads() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace thads::http
