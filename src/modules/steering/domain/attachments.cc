#include "modules/steering/domain/attachments.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace thads::steering {
namespace {

using json = nlohmann::json;

// Well-formed UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF.
bool valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (s.size() - i <= n) return false;
    for (size_t k = 1; k <= n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

bool valid_base64(std::string_view s) {
  if (s.empty() || s.size() % 4 != 0) return false;
  size_t pad = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '=') {
      if (i + 2 < s.size()) return false;  // only the last two may pad
      ++pad;
    } else if (pad > 0 || !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
                            c == '/')) {
      return false;
    }
  }
  return true;
}

int64_t integer_field(const json& o, const char* key, int64_t lo, int64_t hi) {
  auto it = o.find(key);
  if (it == o.end() || !it->is_number_integer()) throw std::string("field '") + key + "' must be a whole number";
  const int64_t v = it->get<int64_t>();
  if (v < lo || v > hi)
    throw std::string("field '") + key + "' must be between " + std::to_string(lo) + " and " + std::to_string(hi);
  return v;
}

std::string string_field(const json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || !it->is_string() || it->get_ref<const std::string&>().empty())
    throw std::string("field '") + key + "' must be a non-empty string";
  return it->get<std::string>();
}

}  // namespace

bool media_type_allowed(std::string_view type) {
  for (const MediaType& m : kMediaTypes)
    if (m.type == type) return true;
  return false;
}

std::string media_type_label_vi(std::string_view type) {
  for (const MediaType& m : kMediaTypes)
    if (m.type == type) return std::string(m.label_vi);
  return "Tệp";
}

std::optional<std::string> media_type_of_name(std::string_view name) {
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot + 1 == name.size()) return std::nullopt;
  std::string ext;
  for (char c : name.substr(dot + 1)) ext += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  if (ext == "jpeg") ext = "jpg";
  for (const MediaType& m : kMediaTypes)
    if (m.extension == ext) return std::string(m.type);
  return std::nullopt;
}

std::optional<std::string> bad_file_name(std::string_view name) {
  if (name.empty()) return "the file name is empty";
  if (name.size() > kMaxAttachmentNameBytes)
    return "the file name is longer than " + std::to_string(kMaxAttachmentNameBytes) + " bytes";
  if (!valid_utf8(name)) return "the file name is not UTF-8";
  for (char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F) return "the file name holds a control character";
    if (c == '/' || c == '\\') return "the file name holds a path separator";
  }
  if (name == "." || name == "..") return "the file name is not a name";
  return std::nullopt;
}

bool valid_sha256_hex(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

int64_t parts_for(int64_t size) { return size <= 0 ? 1 : (size + kAttachmentPartBytes - 1) / kAttachmentPartBytes; }

int64_t AttachmentPart::expected_bytes() const {
  if (part < parts) return kAttachmentPartBytes;
  return size - (parts - 1) * kAttachmentPartBytes;
}

std::variant<std::vector<AttachmentRef>, Refusal> parse_attachment_refs(const json& report) {
  std::vector<AttachmentRef> out;
  auto it = report.find("documents");
  if (it == report.end() || it->is_null()) return out;
  if (!it->is_array()) return Refusal{"bad_field", "field 'documents' must be a list", ""};
  if (it->size() > kMaxAttachmentsPerReport)
    return Refusal{"bad_field", "a report cites at most " + std::to_string(kMaxAttachmentsPerReport) + " documents", ""};
  std::set<std::string> seen;
  try {
    for (const json& d : *it) {
      if (!d.is_object()) throw std::string("each of 'documents' must be an object");
      AttachmentRef a;
      a.sha256 = string_field(d, "sha256");
      if (!valid_sha256_hex(a.sha256)) throw std::string("a document's 'sha256' must be 64 lowercase hex digits");
      a.name = string_field(d, "name");
      if (auto bad = bad_file_name(a.name)) throw "a document's name: " + *bad;
      a.media_type = string_field(d, "media_type");
      if (!media_type_allowed(a.media_type))
        throw "a document's media type '" + a.media_type + "' is not one a report may carry";
      a.size = integer_field(d, "size", 1, kMaxAttachmentBytes);
      if (!seen.insert(a.sha256).second) throw std::string("a document is cited twice");
      out.push_back(std::move(a));
    }
  } catch (const std::string& why) {
    return Refusal{"bad_field", why, ""};
  }
  return out;
}

json to_json(const AttachmentRef& a) {
  return json{{"sha256", a.sha256}, {"name", a.name}, {"media_type", a.media_type}, {"size", a.size}};
}

std::variant<AttachmentPart, Refusal> parse_attachment_part(const json& o) {
  AttachmentPart p;
  try {
    if (!o.is_object()) throw std::string("the record must be a JSON object");
    p.sha256 = string_field(o, "sha256");
    if (!valid_sha256_hex(p.sha256)) throw std::string("field 'sha256' must be 64 lowercase hex digits");
    p.size = integer_field(o, "size", 1, kMaxAttachmentBytes);
    p.parts = integer_field(o, "parts", 1, kMaxAttachmentParts);
    if (p.parts != parts_for(p.size))
      throw "a document of " + std::to_string(p.size) + " bytes has " + std::to_string(parts_for(p.size)) + " parts";
    p.part = integer_field(o, "part", 1, p.parts);
    p.media_type = string_field(o, "media_type");
    if (!media_type_allowed(p.media_type))
      throw "the media type '" + p.media_type + "' is not one a report may carry";
    p.content_base64 = string_field(o, "content");
    if (!valid_base64(p.content_base64)) throw std::string("field 'content' must be standard base64");
    const int64_t want = p.expected_bytes();
    const int64_t padding = static_cast<int64_t>(std::count(p.content_base64.end() - 2, p.content_base64.end(), '='));
    if (static_cast<int64_t>(p.content_base64.size()) / 4 * 3 - padding != want)
      throw "part " + std::to_string(p.part) + " must hold " + std::to_string(want) + " bytes";
  } catch (const std::string& why) {
    return Refusal{"bad_field", why, ""};
  }
  p.raw = json{{"kind", "attachment"},   {"sha256", p.sha256}, {"part", p.part},
               {"parts", p.parts},       {"size", p.size},     {"media_type", p.media_type},
               {"content", p.content_base64}}
              .dump();
  return p;
}

AttachmentPart make_attachment_part(const std::string& sha256, const std::string& media_type, int64_t size,
                                    int64_t part, std::string content_base64) {
  json o{{"kind", "attachment"}, {"sha256", sha256}, {"part", part},        {"parts", parts_for(size)},
         {"size", size},         {"media_type", media_type}, {"content", std::move(content_base64)}};
  auto p = parse_attachment_part(o);
  if (auto* r = std::get_if<Refusal>(&p)) throw std::invalid_argument("attachment part: " + r->message);
  return std::get<AttachmentPart>(std::move(p));
}

}  // namespace thads::steering
