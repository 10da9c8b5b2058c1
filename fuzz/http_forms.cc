// Fuzz target: the pieces of an HTTP request thads decodes itself: the
// query string and form body (parse_urlencoded), the Cookie header, the
// content type test, a bounded JSON body (parse_json_bounded), an event
// form (event_from_form) and a multipart body's files with their names.
// What url_encode writes, parse_urlencoded reads back unchanged.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "domain/json_limits.h"
#include "fuzz_support.h"
#include "http/event_form.h"
#include "http/http_types.h"
#include "modules/steering/domain/attachments.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace thads;
  const std::string s = fuzz::text_of(data, size);
  if (const auto p = http::parse_urlencoded(s)) {
    for (const auto& [k, v] : *p) {
      const auto back = http::parse_urlencoded(http::url_encode(k) + "=" + http::url_encode(v));
      if (!back || back->size() != 1 || back->begin()->first != k || back->begin()->second != v) std::abort();
    }
    (void)http::event_from_form(*p).dump();
  }
  (void)http::parse_cookies(s);
  http::Request req;
  req.headers["content-type"] = s.substr(0, 64);
  req.body = s;
  (void)req.wants_json();
  (void)req.form();
  // The same bytes as a multipart body (a report's attached documents):
  // every file named is one the steering module checks before it keeps it.
  req.headers["content-type"] = "multipart/form-data; boundary=thadsfuzz";
  (void)req.form();
  for (const http::UploadedFile& f : req.files()) {
    if (f.filename.empty()) std::abort();
    if (!steering::bad_file_name(f.filename)) (void)nlohmann::json(f.filename).dump();  // UTF-8 checked: dumps
    (void)steering::media_type_of_name(f.filename);
  }
  const BoundedJson j = parse_json_bounded(s);
  if (j.value) (void)j.value->dump();
  else if (j.fault == JsonFault::none) std::abort();
  return 0;
}
