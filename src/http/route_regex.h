// The regex engine of the express router (server.cc): PCRE2, compiled to
// machine code by its JIT when the library has one.
//
// RESTinio's express router tries the patterns of the route table in order
// and runs one regex per route whose method matches, for every request. With
// its default engine (std::regex) that was about a quarter of the time of a
// request once the handlers were fast (issue 18, docs/benchmarks.md,
// "Session 13"). RESTinio ships a PCRE2 engine
// (restinio/router/pcre2_regex_engine.hpp) but it neither JIT-compiles the
// patterns nor reuses its match data: it allocates a pcre2_match_data for
// every route it tries. This engine is the same adapter with both fixed:
//   - pcre2_jit_compile() after pcre2_compile() (pcre2_match() then runs the
//     machine code; without JIT support in the library it interprets, with
//     the same results);
//   - one pcre2_match_data per thread, reused: the express router reads a
//     match's groups before it tries another pattern on the same thread.
//
// Semantics are RESTinio's: the patterns come from its path2regex (the
// ":name" express syntax, case-insensitive unless asked otherwise), the
// same regex text is compiled; only the engine differs. `$` is compiled
// with PCRE2_DOLLAR_ENDONLY, so it matches only at the very end, as in
// std::regex (PCRE2 would also match before a final newline);
// tests/unit/http_route_regex_test.cc compares both engines on every route. The route patterns
// have no optional groups, so every group up to the count pcre2_match()
// returns is set.
#pragma once

#include <restinio/exception.hpp>
#include <restinio/string_view.hpp>

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <new>
#include <string>

namespace thads::http {

class RouteRegexEngine {
 public:
  static constexpr std::size_t kMaxGroups = 20;

  class compiled_regex_t {
   public:
    compiled_regex_t() = default;
    compiled_regex_t(restinio::string_view_t pattern, bool case_sensitive) {
      int error = 0;
      PCRE2_SIZE offset = 0;
      code_ = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                            (case_sensitive ? 0u : PCRE2_CASELESS) | PCRE2_DOLLAR_ENDONLY, &error, &offset, nullptr);
      if (!code_) {
        std::array<PCRE2_UCHAR, 256> text{};
        pcre2_get_error_message(error, text.data(), text.size());
        throw restinio::exception_t("route pattern \"" + std::string(pattern.data(), pattern.size()) +
                                    "\" does not compile: " + reinterpret_cast<const char*>(text.data()));
      }
      // A library without JIT answers PCRE2_ERROR_JIT_BADOPTION: the
      // interpreter then matches, with the same results.
      (void)pcre2_jit_compile(code_, PCRE2_JIT_COMPLETE);
    }
    compiled_regex_t(const compiled_regex_t&) = delete;
    compiled_regex_t& operator=(const compiled_regex_t&) = delete;
    compiled_regex_t(compiled_regex_t&& o) noexcept : code_(o.code_) { o.code_ = nullptr; }
    compiled_regex_t& operator=(compiled_regex_t&& o) noexcept {
      if (this != &o) {
        if (code_) pcre2_code_free(code_);
        code_ = o.code_;
        o.code_ = nullptr;
      }
      return *this;
    }
    ~compiled_regex_t() {
      if (code_) pcre2_code_free(code_);
    }
    const pcre2_code* code() const { return code_; }

   private:
    pcre2_code* code_ = nullptr;
  };

  struct matched_item_descriptor_t {
    PCRE2_SIZE begin;
    PCRE2_SIZE end;
  };

  // A view of this thread's match data, valid until the next match on the
  // thread.
  class match_results_t {
   public:
    matched_item_descriptor_t operator[](std::size_t i) const {
      const PCRE2_SIZE* v = pcre2_get_ovector_pointer(data());
      return {v[2 * i], v[2 * i + 1]};
    }
    std::size_t size() const { return size_; }

   private:
    friend class RouteRegexEngine;
    static pcre2_match_data* data() {
      struct Holder {
        pcre2_match_data* md = pcre2_match_data_create(static_cast<uint32_t>(kMaxGroups + 1), nullptr);
        ~Holder() { pcre2_match_data_free(md); }
      };
      thread_local Holder holder;
      if (!holder.md) throw std::bad_alloc();
      return holder.md;
    }
    std::size_t size_ = 0;
  };

  static constexpr std::size_t max_capture_groups() { return kMaxGroups; }

  static compiled_regex_t compile_regex(restinio::string_view_t pattern, bool case_sensitive) {
    return compiled_regex_t(pattern, case_sensitive);
  }

  static bool try_match(restinio::string_view_t path, const compiled_regex_t& re, match_results_t& m) {
    const int rc = pcre2_match(re.code(), reinterpret_cast<PCRE2_SPTR>(path.data()), path.size(), 0, 0,
                               match_results_t::data(), nullptr);
    if (rc > 0) {
      m.size_ = static_cast<std::size_t>(rc);
      return true;
    }
    if (rc == PCRE2_ERROR_NOMATCH) return false;
    // 0: more groups than the match data holds (path2regex refuses such a
    // pattern when the table is built); anything else: a matching failure.
    throw restinio::exception_t("route match failed (pcre2 " + std::to_string(rc) + ")");
  }

  static std::size_t submatch_begin_pos(const matched_item_descriptor_t& m) { return static_cast<std::size_t>(m.begin); }
  static std::size_t submatch_end_pos(const matched_item_descriptor_t& m) { return static_cast<std::size_t>(m.end); }
};

}  // namespace thads::http
