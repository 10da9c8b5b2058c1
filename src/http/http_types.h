// The request and response the handlers of thads see: plain values, free of
// RESTinio, so handlers are short functions (parse, call one use case,
// render) and can be driven without a socket.
//
// Contract: a Request is filled once by the server glue (server.cc) and is
// read-only afterwards; header names are lower-case. Query strings and form
// bodies are decoded as application/x-www-form-urlencoded ('+' is a space);
// a key given twice keeps its last value. Response helpers set the content
// type and nothing else.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace thads::http {

using Params = std::unordered_map<std::string, std::string>;

// Decodes "a=1&b=x+y" (percent-escapes, '+' as space). nullopt when malformed.
std::optional<Params> parse_urlencoded(std::string_view s);
// Encodes one value for a query string or a form.
std::string url_encode(std::string_view s);
// Splits a Cookie header ("a=1; b=2").
Params parse_cookies(std::string_view header);

// The address of the client a request came from. `peer` is the address of
// the connection; when it is one of `trusted_proxies` (the reverse proxies
// of the deployment, `thads serve --trusted-proxy`), the X-Forwarded-For
// header those proxies append to is read from its end, skipping trusted
// proxies, and its first other address is the client. From any other peer
// the header is ignored (a client cannot choose its address to slip the
// per-address login throttle), as is an entry that is not an IP address.
std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

// A file a form sends (an <input type="file">): its input's name, the
// file's name as the client gives it, the media type it declares ("" when
// none) and its bytes.
struct UploadedFile {
  std::string field, filename, content_type, bytes;
};

struct Request {
  std::string method;  // GET, POST, PUT, DELETE
  std::string path;    // without the query string
  std::string target;  // path and query, as sent
  Params query;
  // The query string could not be decoded (a bad %-escape, bytes that are not
  // UTF-8): `query` is then empty and dispatch() answers 400 `bad_field`
  // before any handler reads it, rather than serving the request as if it
  // had asked for nothing.
  bool bad_query = false;
  Params route;        // parameters of the route pattern (":id")
  Params headers;      // lower-case names
  Params cookies;
  std::string body;
  std::string client;  // remote address

  const std::string& header(const std::string& lower_name) const;
  const std::string& q(const std::string& key) const;  // query value or ""
  const std::string& param(const std::string& key) const;  // route value or ""
  // The body is application/json: that media type exactly (any case), with
  // optional parameters; "application/jsonfoo" is not.
  bool wants_json() const;
  // The form fields of an application/x-www-form-urlencoded body (empty when
  // the body is something else or malformed).
  Params form() const;
  // The body says it is application/x-www-form-urlencoded but cannot be
  // decoded (dispatch() answers 400 `bad_field`).
  bool bad_form() const;
  // The files of a multipart/form-data body: each part whose disposition
  // names a file (a non-empty `filename`), in the body's order; empty for
  // any other body or one that does not parse.
  std::vector<UploadedFile> files() const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  Response& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

Response json_response(int status, const nlohmann::json& body);
Response json_text_response(int status, std::string body);  // already serialised JSON
Response html_response(int status, std::string body);
Response text_response(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
// 303 See Other: the POST-redirect-GET step of the pages.
Response redirect(const std::string& location);
// {"error":{"code","message","message_vi","article"}}.
Response api_error(int status, const std::string& code, const std::string& message, const std::string& message_vi,
                   const std::string& article = "");

std::string_view reason_phrase(int status);

}  // namespace thads::http
