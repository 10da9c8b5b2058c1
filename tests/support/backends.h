// The store backends a parameterised test runs on ("sqlite", "postgres").
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>

#include "temp_store.h"

// In SetUp of a test parameterised by backend: the PostgreSQL run needs the
// test server (THADS_TEST_PG, started by scripts/test.sh) and fails without
// it, so that CI can never pass by not running it; a developer without
// PostgreSQL may set THADS_NO_PG to skip those runs (never set by CI).
#define THADS_REQUIRE_BACKEND(backend)                                                                       \
  do {                                                                                                       \
    if ((backend) == "postgres" && ::thads::testing::pg_url().empty()) {                                    \
      if (std::getenv("THADS_NO_PG")) GTEST_SKIP() << "THADS_NO_PG set: PostgreSQL run disabled by the developer"; \
      FAIL() << "THADS_TEST_PG is not set: run scripts/test.sh, which starts the PostgreSQL test server";   \
    }                                                                                                        \
  } while (0)
