# Helpers that give every module, test, benchmark and fuzzer the same shape.
#
#   rapport_module(core SOURCES a.cc b.cc DEPS fmt::fmt)
#     -> static library `rapport_core`, alias `rapport::core`, include root src/.
#   rapport_test(core_test SOURCES a_test.cc DEPS rapport::core)
#     -> GoogleTest executable registered with CTest (discovered before the run).
#   rapport_benchmark(core_benchmark SOURCES a_benchmark.cc DEPS rapport::core)
#   rapport_fuzzer(http_request_fuzzer SOURCES f.cc DEPS rapport::http)

function(rapport_setup_flags)
  add_compile_options(-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                      -Wold-style-cast -Wcast-align -Woverloaded-virtual
                      -Wimplicit-fallthrough)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    add_compile_options(-Wthread-safety)
  endif()
  if(RAPPORT_WERROR)
    add_compile_options(-Werror)
  endif()
  # A fuzzer is guided by the coverage of the code it calls: every library is instrumented,
  # not only the fuzzer's own file (which also links libFuzzer's main, see rapport_fuzzer).
  if(RAPPORT_BUILD_FUZZERS)
    add_compile_options(-fsanitize=fuzzer-no-link)
  endif()
  # Boost.Asio: no deprecated interfaces.
  add_compile_definitions(BOOST_ASIO_NO_DEPRECATED)
  if(RAPPORT_SANITIZERS)
    add_compile_options(-fsanitize=${RAPPORT_SANITIZERS} -fno-omit-frame-pointer)
    add_link_options(-fsanitize=${RAPPORT_SANITIZERS})
    if(RAPPORT_SANITIZERS MATCHES "address|undefined")
      add_compile_options(-fno-sanitize-recover=all)
    endif()
  endif()
endfunction()

function(rapport_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(rapport_${name} STATIC ${ARG_SOURCES})
  add_library(rapport::${name} ALIAS rapport_${name})
  target_include_directories(rapport_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(rapport_${name} PUBLIC ${ARG_DEPS})
endfunction()

function(rapport_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  if(NOT RAPPORT_BUILD_TESTS)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gmock GTest::gtest_main)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR})
  # Discovery at test time keeps the build fast and sanitizer start-up out of it.
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST DISCOVERY_TIMEOUT 60)
  target_compile_definitions(${name} PRIVATE RAPPORT_TEST_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
                             RAPPORT_TEST_BINARY_DIR="${PROJECT_BINARY_DIR}")
endfunction()

function(rapport_benchmark name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  if(NOT RAPPORT_BUILD_BENCHMARKS)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} benchmark::benchmark_main)
endfunction()

# Fuzzers link libFuzzer's main; the seed corpus lives in fuzz/corpus/<name>/ and a short
# run of every fuzzer is registered as a CTest test labelled `fuzz`.
function(rapport_fuzzer name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_compile_options(${name} PRIVATE -fsanitize=fuzzer)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  target_link_libraries(${name} PRIVATE ${ARG_DEPS})
  # `rapport_fuzzers` builds every fuzzer and nothing else (the fuzz preset's target).
  if(NOT TARGET rapport_fuzzers)
    add_custom_target(rapport_fuzzers)
  endif()
  add_dependencies(rapport_fuzzers ${name})
  # New inputs go to a corpus in the build tree (first folder); the seeds in the source tree
  # (second folder) are only read, so a run never writes into the checkout.
  set(seeds ${PROJECT_SOURCE_DIR}/fuzz/corpus/${name})
  set(corpus ${CMAKE_CURRENT_BINARY_DIR}/corpus/${name})
  file(MAKE_DIRECTORY ${corpus})
  add_test(NAME ${name}.short_run
           COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=1
                   $<TARGET_FILE:${name}> -max_total_time=20 -rss_limit_mb=2048
                   -timeout=5 -print_final_stats=1 ${corpus} ${seeds})
  set_tests_properties(${name}.short_run PROPERTIES LABELS fuzz)
endfunction()
