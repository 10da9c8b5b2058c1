#include "http/server.h"

#include "http/page_not_found.h"

#include <restinio/all.hpp>

#include <algorithm>
#include <csignal>
#include <thread>

#include "http/route_regex.h"
#include "http/routes.h"

namespace thads::http {
namespace {

// --- answers to requests that break the limits -----------------------------
//
// RESTinio 0.6 checks the limits of incoming_http_msg_limits_t (and
// http_parser its own) while it parses, and on a breach it only closes the
// connection: the client never learns why. It does so through one path,
// trigger_error_and_close(): it logs "[connection:N] parser error HPE_…"
// and then, on the same thread, shuts the socket down. So the logger below
// notes the answer that error deserves (413, 414, 431 or 400) for this
// thread, and the socket type below writes it just before the shutdown.
// Nothing else is answered that way: the note is taken by the very next
// shutdown on the thread, and only parser errors leave one.

thread_local std::string t_parse_refusal;

std::string refusal_answer(int status, const char* code, const char* message) {
  const std::string body = R"({"error":{"code":")" + std::string(code) + R"(","message":")" + message +
                           R"(","message_vi":"Yêu cầu không hợp lệ hoặc vượt quá giới hạn cho phép.","article":null}})";
  return "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason_phrase(status)) +
         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\nServer: thads\r\nX-Content-Type-Options: nosniff\r\n"
         "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n\r\n" +
         body;
}

// The answer for an http_parser error name (limits in docs/limits.md).
std::string answer_for_parser_error(std::string_view name) {
  if (name == "HPE_CB_url") return refusal_answer(414, "uri_too_long", "the request target is too long");
  if (name == "HPE_CB_header_field" || name == "HPE_CB_header_value" || name == "HPE_HEADER_OVERFLOW")
    return refusal_answer(431, "headers_too_large", "too many header fields, or a header field too long");
  if (name == "HPE_CB_headers_complete" || name == "HPE_CB_body")
    return refusal_answer(413, "body_too_large", "the request body is larger than the server accepts");
  // Two Content-Length, Content-Length with Transfer-Encoding (request
  // smuggling), a malformed request line or header.
  return refusal_answer(400, "bad_request", "the request is not valid HTTP/1.1");
}

class Logger {
 public:
  template <class Builder> void trace(Builder&&) const noexcept {}
  template <class Builder> void info(Builder&&) const noexcept {}
  template <class Builder> void warn(Builder&&) const noexcept {}
  template <class Builder>
  void error(Builder&& build) const {
    const std::string msg = build();
    static constexpr std::string_view kMark = "] parser error ";
    const size_t at = msg.find(kMark);
    if (at == std::string::npos) return;
    const size_t from = at + kMark.size();
    t_parse_refusal = answer_for_parser_error(std::string_view(msg).substr(from, msg.find(':', from) - from));
  }
};

class Socket : public restinio::asio_ns::ip::tcp::socket {
 public:
  using restinio::asio_ns::ip::tcp::socket::socket;

  void shutdown(shutdown_type what, restinio::asio_ns::error_code& ec) {
    if (!t_parse_refusal.empty()) {
      const std::string answer = std::move(t_parse_refusal);
      t_parse_refusal.clear();
      restinio::asio_ns::error_code ignored;
      restinio::asio_ns::write(*this, restinio::asio_ns::buffer(answer), ignored);
    }
    restinio::asio_ns::ip::tcp::socket::shutdown(what, ec);
  }
};

// The express router with PCRE2 (JIT) instead of std::regex: see route_regex.h.
using router_t = restinio::router::express_router_t<RouteRegexEngine>;
using traits_t = restinio::traits_t<restinio::asio_timer_manager_t, Logger, router_t, restinio::default_strand_t, Socket>;

// ASCII case folding of a header name (a token, RFC 9110 5.1), in place.
std::string lower(restinio::string_view_t s) {
  std::string out(s.data(), s.size());
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
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
                   const std::vector<std::string>& names, const ServerConfig& cfg) {
  Request r;
  const auto& h = rq->header();
  r.method = std::string(h.method().c_str());
  r.path = std::string(h.path().data(), h.path().size());
  r.target = h.request_target();
  if (auto q = parse_urlencoded(std::string_view(h.query().data(), h.query().size())))
    r.query = std::move(*q);
  else
    r.bad_query = true;
  for (const std::string& name : names) {
    const auto v = rp[name];
    r.route[name] = std::string(v.data(), v.size());
  }
  // A field sent more than once is one comma-separated list (RFC 9110
  // §5.3): a proxy's X-Forwarded-For line after the client's own is read
  // as both, in order (client_address() reads it from its end). Cookie
  // lines are joined with "; " (RFC 6265 §5.4).
  r.headers.reserve(h.fields_count());
  h.for_each_field([&](const restinio::http_header_field_t& f) {
    std::string name = lower(f.name());
    auto [it, added] = r.headers.try_emplace(std::move(name), f.value());
    if (!added) it->second += (it->first == "cookie" ? "; " : ", ") + f.value();
  });
  r.cookies = parse_cookies(r.header("cookie"));
  r.body = rq->body();
  r.client = client_address(rq->remote_endpoint().address().to_string(), r.header("x-forwarded-for"),
                            cfg.trusted_proxies);
  return r;
}

// A header value as sent: CR, LF and NUL dropped, so that no value (a
// redirect target, a file name) can end the header and start another.
std::string header_value(const std::string& v) {
  if (v.find_first_of(std::string_view("\r\n\0", 3)) == std::string::npos) return v;
  std::string out;
  for (const char c : v)
    if (c != '\r' && c != '\n' && c != '\0') out += c;
  return out;
}

// A piece of an answer's body, sharing the whole (restinio's Datasizeable).
struct BodyPiece {
  std::shared_ptr<const std::string> whole;
  size_t offset = 0, length = 0;
  const char* data() const { return whole->data() + offset; }
  size_t size() const { return length; }
};

// Answers larger than `piece` go out in pieces of that size: restinio
// writes at most 64 buffers at a time, each write under the time limit
// (ServerConfig::write_timeout_seconds), so a large export to a slow link is
// cut only when the client takes less than 64 pieces in that time, not when
// the whole answer takes longer.
restinio::request_handling_status_t respond(const restinio::request_handle_t& rq, Response res, size_t piece) {
  with_base_security_headers(res);
  auto out = rq->create_response(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<std::uint16_t>(res.status)}, std::string(reason_phrase(res.status))});
  out.append_header(restinio::http_field::content_type, res.content_type);
  out.append_header(restinio::http_field::server, "thads");
  for (const auto& [k, v] : res.headers) out.append_header(k, header_value(v));
  if (piece == 0 || res.body.size() <= piece) {
    out.set_body(std::move(res.body));
  } else {
    auto whole = std::make_shared<const std::string>(std::move(res.body));
    for (size_t at = 0; at < whole->size(); at += piece)
      out.append_body(BodyPiece{whole, at, std::min(piece, whole->size() - at)});
  }
  return out.done();
}

// Hands the answer to the connection from outside its strand. RESTinio 0.6
// decides whether to read the next pipelined request when a write starts
// and acts on it when the write ends; an answer given inside the handler
// starts a write while the connection goes on parsing, so the decision is
// stale by the time it is acted on: a full table of pipelined requests
// gets one more, throws, and the connection is closed (of 20 requests in
// one packet, 3 were answered). Posted, each answer is appended after the
// parsing stops, and every pipelined request is answered in turn.
restinio::request_handling_status_t answer_later(restinio::asio_ns::io_context& io, const restinio::request_handle_t& rq,
                                                 Response res, size_t piece) {
  restinio::asio_ns::post(io, [rq, res = std::move(res), piece]() mutable { respond(rq, std::move(res), piece); });
  return restinio::request_accepted();
}

std::unique_ptr<router_t> make_router(App& app, const std::vector<Route>& routes, restinio::asio_ns::io_context& io) {
  auto router = std::make_unique<router_t>();
  for (const Route& route : routes) {
    auto handler = [&app, &route, &io, names = param_names(route.pattern)](const restinio::request_handle_t& rq,
                                                                           restinio::router::route_params_t rp) {
      return answer_later(io, rq, dispatch(app, route, to_request(rq, rp, names, app.config())),
                          app.config().write_piece_bytes);
    };
    const auto method = route.method == "GET"      ? restinio::http_method_get()
                        : route.method == "POST"   ? restinio::http_method_post()
                        : route.method == "PUT"    ? restinio::http_method_put()
                                                   : restinio::http_method_delete();
    router->add_handler(method, route.pattern, std::move(handler));
  }
  router->non_matched_request_handler([&app, &io](const restinio::request_handle_t& rq) {
    return answer_later(io, rq, dispatch(app, not_found_route(), to_request(rq, {}, {}, app.config())),
                        app.config().write_piece_bytes);
  });
  return router;
}

}  // namespace

struct Server::Impl {
  explicit Impl(App& a) : app(a) {}
  App& app;
  std::vector<Route> routes = all_routes();
  size_t threads = 1;
  restinio::asio_ns::io_context io;  // run by the server's threads: connections and answers
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
                      .request_handler(make_router(impl_->app, impl_->routes, impl_->io))
                      .max_pipelined_requests(16)  // more wait, and are answered (answer_later)
                      // Many clients connect at once (a pool of 256, a proxy):
                      // with one accept at a time, each new connection waited
                      // for a round of requests on those already accepted,
                      // and the last ones for seconds.
                      .concurrent_accepts_count(64)
                      .separate_accept_and_create_connect(true)
                      .read_next_http_message_timelimit(std::chrono::seconds(60))
                      .handle_request_timeout(std::chrono::seconds(60))
                      .write_http_response_timelimit(std::chrono::seconds(impl_->app.config().write_timeout_seconds))
                      .socket_options_setter([bytes = impl_->app.config().send_buffer_bytes](auto& options) {
                        if (bytes > 0)
                          options.set_option(restinio::asio_ns::socket_base::send_buffer_size(bytes));
                      })
                      // Answered 414, 431, 413 (see Socket above; docs/limits.md).
                      .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                                    .max_url_size(kMaxUrlBytes)
                                                    .max_field_name_size(kMaxHeaderNameBytes)
                                                    .max_field_value_size(kMaxHeaderValueBytes)
                                                    .max_field_count(kMaxHeaderFields)
                                                    .max_body_size(kMaxBodyBytes));
  impl_->io.restart();  // after a stop()
  impl_->running =
      restinio::run_async<traits_t>(restinio::external_io_context(impl_->io), std::move(settings), impl_->threads);
}

void Server::stop() {
  if (!impl_->running) return;
  impl_->running->stop();
  impl_->running->wait();
  impl_->running.reset();
}

void Server::run_until_signal(const std::function<void()>& on_started) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  // Block the signals before the server threads start, so they inherit the
  // mask and only this thread receives them.
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  start();
  if (on_started) on_started();
  int sig = 0;
  sigwait(&set, &sig);
  stop();
}

}  // namespace thads::http
