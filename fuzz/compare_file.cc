// Fuzz target: the --compare file of `thads report admin-reconcile` (a JSON
// object of another body's figures), read by read_compare_figures.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "cli/cli_support.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace thads;
  std::string error;
  const auto figures = cli::parse_compare_figures(fuzz::text_of(data, size), &error);
  if (!figures && error.empty()) std::abort();
  if (figures && !figures->is_object()) std::abort();
  return 0;
}
