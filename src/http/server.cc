#include "http/server.h"

#include <restinio/all.hpp>

#include <algorithm>
#include <csignal>
#include <thread>

#include "http/routes.h"

namespace thads::http {
namespace {

using router_t = restinio::router::express_router_t<>;
using traits_t = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t, router_t>;

std::string lower(restinio::string_view_t s) {
  std::string out(s.data(), s.size());
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Names of the ":name" parameters of an express pattern.
std::vector<std::string> param_names(const std::string& pattern) {
  std::vector<std::string> out;
  for (size_t i = pattern.find(':'); i != std::string::npos; i = pattern.find(':', i + 1)) {
    size_t j = i + 1;
    while (j < pattern.size() && (std::isalnum(static_cast<unsigned char>(pattern[j])) || pattern[j] == '_')) ++j;
    out.push_back(pattern.substr(i + 1, j - i - 1));
  }
  return out;
}

Request to_request(const restinio::request_handle_t& rq, const restinio::router::route_params_t& rp,
                   const std::vector<std::string>& names) {
  Request r;
  const auto& h = rq->header();
  r.method = std::string(h.method().c_str());
  r.path = std::string(h.path().data(), h.path().size());
  r.target = h.request_target();
  r.query = parse_urlencoded(std::string_view(h.query().data(), h.query().size())).value_or(Params{});
  for (const std::string& name : names) {
    const auto v = rp[name];
    r.route[name] = std::string(v.data(), v.size());
  }
  h.for_each_field([&](const restinio::http_header_field_t& f) { r.headers[lower(f.name())] = f.value(); });
  r.cookies = parse_cookies(r.header("cookie"));
  r.body = rq->body();
  r.client = rq->remote_endpoint().address().to_string();
  return r;
}

restinio::request_handling_status_t respond(const restinio::request_handle_t& rq, Response res) {
  auto out = rq->create_response(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<std::uint16_t>(res.status)}, std::string(reason_phrase(res.status))});
  out.append_header(restinio::http_field::content_type, res.content_type);
  out.append_header(restinio::http_field::server, "thads");
  for (const auto& [k, v] : res.headers) out.append_header(k, v);
  out.set_body(std::move(res.body));
  return out.done();
}

std::unique_ptr<router_t> make_router(App& app, const std::vector<Route>& routes) {
  auto router = std::make_unique<router_t>();
  for (const Route& route : routes) {
    auto handler = [&app, &route, names = param_names(route.pattern)](const restinio::request_handle_t& rq,
                                                                      restinio::router::route_params_t rp) {
      return respond(rq, dispatch(app, route, to_request(rq, rp, names)));
    };
    const auto method = route.method == "GET"      ? restinio::http_method_get()
                        : route.method == "POST"   ? restinio::http_method_post()
                        : route.method == "PUT"    ? restinio::http_method_put()
                                                   : restinio::http_method_delete();
    router->add_handler(method, route.pattern, std::move(handler));
  }
  router->non_matched_request_handler([](const restinio::request_handle_t& rq) {
    return respond(rq, api_error(404, "not_found", "no such route", "Không tìm thấy."));
  });
  return router;
}

}  // namespace

struct Server::Impl {
  explicit Impl(App& a) : app(a) {}
  App& app;
  std::vector<Route> routes = all_routes();
  size_t threads = 1;
  restinio::running_server_handle_t<traits_t> running;
};

Server::Server(App& app) : impl_(std::make_unique<Impl>(app)) {
  const size_t hw = std::max<size_t>(1, std::thread::hardware_concurrency());
  impl_->threads = app.config().threads ? app.config().threads : hw;
}

Server::~Server() { stop(); }

size_t Server::threads() const { return impl_->threads; }

void Server::start() {
  auto settings = restinio::server_settings_t<traits_t>{}
                      .address(impl_->app.config().host)
                      .port(impl_->app.config().port)
                      .request_handler(make_router(impl_->app, impl_->routes))
                      .max_pipelined_requests(16)
                      // Many clients connect at once (a pool of 256, a proxy):
                      // with one accept at a time, each new connection waited
                      // for a round of requests on those already accepted,
                      // and the last ones for seconds.
                      .concurrent_accepts_count(64)
                      .separate_accept_and_create_connect(true)
                      .read_next_http_message_timelimit(std::chrono::seconds(60))
                      .handle_request_timeout(std::chrono::seconds(60))
                      .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}.max_body_size(4 * 1024 * 1024));
  impl_->running = restinio::run_async<traits_t>(restinio::own_io_context(), std::move(settings), impl_->threads);
}

void Server::stop() {
  if (!impl_->running) return;
  impl_->running->stop();
  impl_->running->wait();
  impl_->running.reset();
}

void Server::run_until_signal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  // Block the signals before the server threads start, so they inherit the
  // mask and only this thread receives them.
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  start();
  int sig = 0;
  sigwait(&set, &sig);
  stop();
}

}  // namespace thads::http
