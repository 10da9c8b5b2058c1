#include "domain/json_limits.h"

#include <cstring>

namespace thads {
namespace {

using json = nlohmann::json;

// nlohmann's own DOM builder, with a depth count in front: a start of an
// array or object past the limit stops the parse before it is built.
class BoundedDom {
 public:
  BoundedDom(json& out, int max_depth) : dom_(out, false), max_(max_depth) {}

  bool null() { return dom_.null(); }
  bool boolean(bool v) { return dom_.boolean(v); }
  bool number_integer(json::number_integer_t v) { return dom_.number_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) { return dom_.number_unsigned(v); }
  bool number_float(json::number_float_t v, const json::string_t& s) { return dom_.number_float(v, s); }
  bool string(json::string_t& v) { return dom_.string(v); }
  bool binary(json::binary_t& v) { return dom_.binary(v); }
  bool key(json::string_t& k) { return dom_.key(k); }
  bool start_object(std::size_t n) { return deeper() && dom_.start_object(n); }
  bool end_object() { return --depth_, dom_.end_object(); }
  bool start_array(std::size_t n) { return deeper() && dom_.start_array(n); }
  bool end_array() { return --depth_, dom_.end_array(); }
  template <class Exception>
  bool parse_error(std::size_t pos, const std::string& token, const Exception& ex) {
    syntax_error_ = ex.what();
    return dom_.parse_error(pos, token, ex);
  }

  bool too_deep() const { return too_deep_; }
  const std::string& syntax_error() const { return syntax_error_; }

 private:
  bool deeper() {
    if (++depth_ <= max_) return true;
    too_deep_ = true;
    return false;
  }
  nlohmann::detail::json_sax_dom_parser<json> dom_;
  const int max_;
  int depth_ = 0;
  bool too_deep_ = false;
  std::string syntax_error_;
};

}  // namespace

BoundedJson parse_json_bounded(std::string_view text, int max_depth) {
  BoundedJson out;
  if (std::memchr(text.data(), '\0', text.size()) != nullptr) {
    out.fault = JsonFault::nul_byte;
    out.message = "a NUL byte is not allowed in JSON text";
    return out;
  }
  json value;
  BoundedDom sax(value, max_depth);
  const bool ok = json::sax_parse(text.begin(), text.end(), &sax, json::input_format_t::json, /*strict=*/true);
  if (sax.too_deep()) {
    out.fault = JsonFault::too_deep;
    out.message = "JSON nested deeper than " + std::to_string(max_depth) + " levels";
  } else if (!ok) {
    out.fault = JsonFault::syntax;
    out.message = sax.syntax_error().empty() ? "not valid JSON" : sax.syntax_error();
  } else {
    out.value = std::move(value);
  }
  return out;
}

}  // namespace thads
