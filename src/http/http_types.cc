#include "http/http_types.h"

#include <restinio/all.hpp>
#include <restinio/helpers/http_field_parsers/content-disposition.hpp>
#include <restinio/helpers/http_field_parsers/content-type.hpp>
#include <restinio/helpers/multipart_body.hpp>

#include <algorithm>
#include <cctype>

namespace thads::http {
namespace {

const std::string kEmpty;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// True when a Content-Type value names `type` (lower case): the media type
// alone, in any case, optionally followed by parameters ("; charset=utf-8").
// "application/jsonfoo" is another type (RFC 9110 §8.3.1).
bool media_type_is(std::string_view value, std::string_view type) {
  const std::string_view essence = trim(value.substr(0, value.find(';')));
  if (essence.size() != type.size()) return false;
  for (size_t i = 0; i < type.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(essence[i])) != type[i]) return false;
  return true;
}

const std::string& lookup(const Params& p, const std::string& key) {
  auto it = p.find(key);
  return it == p.end() ? kEmpty : it->second;
}

// The parts of a multipart/form-data body, each with its field name, its
// file name ("" for a plain field) and declared type; none when it does not
// parse. restinio's parsers do the work.
std::vector<UploadedFile> multipart_parts(std::string_view content_type, std::string_view body) {
  namespace hfp = restinio::http_field_parsers;
  namespace mp = restinio::multipart_body;
  std::vector<UploadedFile> out;
  const auto ct = hfp::content_type_value_t::try_parse(restinio::string_view_t{content_type.data(), content_type.size()});
  if (!ct) return out;
  const auto boundary = hfp::find_first(ct->media_type.parameters, "boundary");
  if (!boundary || mp::check_boundary_value(*boundary)) return out;
  const std::string mark = "--" + std::string(boundary->data(), boundary->size());
  for (restinio::string_view_t part : mp::split_multipart_body(restinio::string_view_t{body.data(), body.size()}, mark)) {
    const auto parsed = mp::try_parse_part(part);
    if (!parsed) continue;
    const auto disposition = parsed->fields.opt_value_of(restinio::http_field::content_disposition);
    if (!disposition) continue;
    const auto cd = hfp::content_disposition_value_t::try_parse(*disposition);
    if (!cd) continue;
    const auto name = hfp::find_first(cd->parameters, "name");
    if (!name) continue;
    UploadedFile f;
    f.field.assign(name->data(), name->size());
    if (const auto file = hfp::find_first(cd->parameters, "filename")) f.filename.assign(file->data(), file->size());
    if (const auto type = parsed->fields.opt_value_of(restinio::http_field::content_type))
      f.content_type.assign(type->data(), type->size());
    f.bytes.assign(parsed->body.data(), parsed->body.size());
    out.push_back(std::move(f));
  }
  return out;
}

// The fields of a multipart/form-data body (an uploaded file is the field
// of its input's name, holding the file's bytes); empty when it does not
// parse.
Params parse_multipart(std::string_view content_type, std::string_view body) {
  Params out;
  for (UploadedFile& f : multipart_parts(content_type, body)) out[f.field] = std::move(f.bytes);
  return out;
}

}  // namespace

std::optional<Params> parse_urlencoded(std::string_view s) {
  Params out;
  if (s.empty()) return out;
  // Raw bytes past ASCII (a hand-typed "?q=ĐỐNG" from curl; browsers escape
  // them) are escaped first, so that they are decoded, UTF-8 checked, like
  // their %-escaped form.
  std::string escaped;
  if (std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
    static const char* hex = "0123456789ABCDEF";
    escaped.reserve(s.size() * 3);
    for (const char ch : s) {
      const auto c = static_cast<unsigned char>(ch);
      if (c < 0x80) {
        escaped += ch;
      } else {
        escaped += '%';
        escaped += hex[c >> 4];
        escaped += hex[c & 15];
      }
    }
    s = escaped;
  }
  auto parsed = restinio::try_parse_query<restinio::parse_query_traits::x_www_form_urlencoded>(
      restinio::string_view_t{s.data(), s.size()});
  if (!parsed) {
    // Hand-typed URLs (curl, tests) may leave ':' or '/' unescaped.
    parsed = restinio::try_parse_query<restinio::parse_query_traits::relaxed>(
        restinio::string_view_t{s.data(), s.size()});
    if (!parsed) return std::nullopt;
  }
  for (const auto& [k, v] : *parsed)
    out[std::string(k.data(), k.size())] = std::string(v.data(), v.size());
  return out;
}

std::string url_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

Params parse_cookies(std::string_view header) {
  Params out;
  while (!header.empty()) {
    const size_t semi = header.find(';');
    std::string_view part = trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    const size_t eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    out.emplace(std::string(trim(part.substr(0, eq))), std::string(trim(part.substr(eq + 1))));
  }
  return out;
}

std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies) {
  const auto trusted = [&](std::string_view a) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), a) != trusted_proxies.end();
  };
  if (trusted_proxies.empty() || !trusted(peer)) return peer;
  while (!forwarded_for.empty()) {
    const size_t comma = forwarded_for.rfind(',');
    const std::string_view entry =
        trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
    forwarded_for = comma == std::string_view::npos ? std::string_view{} : forwarded_for.substr(0, comma);
    restinio::asio_ns::error_code ec;
    const auto addr = restinio::asio_ns::ip::make_address(std::string(entry), ec);
    if (ec) return peer;  // not an address: the chain cannot be followed further
    const std::string a = addr.to_string();
    if (!trusted(a)) return a;
  }
  return peer;
}

const std::string& Request::header(const std::string& lower_name) const { return lookup(headers, lower_name); }
const std::string& Request::q(const std::string& key) const { return lookup(query, key); }
const std::string& Request::param(const std::string& key) const { return lookup(route, key); }

bool Request::wants_json() const {
  return media_type_is(header("content-type"), "application/json");
}

Params Request::form() const {
  if (media_type_is(header("content-type"), "multipart/form-data")) return parse_multipart(header("content-type"), body);
  if (!media_type_is(header("content-type"), "application/x-www-form-urlencoded")) return {};
  return parse_urlencoded(body).value_or(Params{});
}

std::vector<UploadedFile> Request::files() const {
  std::vector<UploadedFile> out;
  if (!media_type_is(header("content-type"), "multipart/form-data")) return out;
  for (UploadedFile& f : multipart_parts(header("content-type"), body))
    if (!f.filename.empty()) out.push_back(std::move(f));
  return out;
}

bool Request::bad_form() const {
  return media_type_is(header("content-type"), "application/x-www-form-urlencoded") && !parse_urlencoded(body);
}

Response json_response(int status, const nlohmann::json& body) {
  return json_text_response(status, body.dump());
}

Response json_text_response(int status, std::string body) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = std::move(body);
  return r;
}

Response html_response(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response text_response(int status, std::string body, std::string content_type) {
  Response r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

Response redirect(const std::string& location) {
  Response r;
  r.status = 303;
  r.content_type = "text/plain; charset=utf-8";
  r.header("Location", location);
  return r;
}

Response api_error(int status, const std::string& code, const std::string& message, const std::string& message_vi,
                   const std::string& article) {
  nlohmann::json e{{"code", code}, {"message", message}, {"message_vi", message_vi}};
  e["article"] = article.empty() ? nlohmann::json(nullptr) : nlohmann::json(article);
  return json_response(status, {{"error", e}});
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

}  // namespace thads::http
