# Sanitizer and fuzzing builds (issue 10). Both need clang (CMAKE_CXX_COMPILER=clang++-14);
# scripts/sanitize.sh and scripts/fuzz.sh configure them.
#
# AIC_SANITIZE: empty (off), "address,undefined" (ASan + UBSan; any UB aborts the test) or
#   "thread" (TSan). Everything -- libraries, tests, the CLI, the fuzz targets -- is compiled and
#   linked with it. Pair it with CMAKE_BUILD_TYPE=Sanitize: -O1 with line tables (symbolized
#   stacks at a fraction of full debug info's build time), asserts kept.
# AIC_FUZZ: builds the libFuzzer targets of fuzz/ and instruments every library for coverage
#   (-fsanitize=fuzzer-no-link). Meant for the "address,undefined" build dir so one build serves
#   both the test suite and the fuzzers.
set(AIC_SANITIZE "" CACHE STRING "Sanitizers for every target: '', 'address,undefined' or 'thread'")
set_property(CACHE AIC_SANITIZE PROPERTY STRINGS "" "address,undefined" "thread")
option(AIC_FUZZ "Build the libFuzzer targets (fuzz/); requires clang" OFF)

# (A plain variable: project() has already made an empty cache entry for the current type.)
if(NOT CMAKE_CXX_FLAGS_SANITIZE)
  set(CMAKE_CXX_FLAGS_SANITIZE "-O1 -gline-tables-only")
endif()

if(AIC_SANITIZE OR AIC_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "AIC_SANITIZE/AIC_FUZZ need clang: -DCMAKE_CXX_COMPILER=clang++-14")
  endif()
endif()

if(AIC_SANITIZE STREQUAL "address,undefined")
  # -fno-sanitize=function: clang 14 cannot compile template coroutines (asio::co_spawn) with
  # UBSan's function check ("Cannot represent a difference across sections", LLVM issue 49689).
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                      -fno-sanitize=function -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined)
elseif(AIC_SANITIZE STREQUAL "thread")
  # BOOST_ASIO_DISABLE_STD_ATOMIC: Asio's reference counts (e.g. of a strand held by an
  # any_io_executor) release with fetch_sub(release) + atomic_thread_fence(acquire). TSan does
  # not model fences, so the last owner's delete is reported as a race with the other owner's
  # decrement. This makes Asio count with boost::detail::atomic_count (sequentially consistent
  # operations TSan understands); nothing is suppressed.
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_compile_definitions(BOOST_ASIO_DISABLE_STD_ATOMIC)
  add_link_options(-fsanitize=thread)
elseif(AIC_SANITIZE)
  message(FATAL_ERROR "AIC_SANITIZE must be '', 'address,undefined' or 'thread' (got '${AIC_SANITIZE}')")
endif()

if(AIC_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
