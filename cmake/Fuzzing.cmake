# FWCTL_FUZZ=ON: build everything with ASan and UBSan, instrument it for
# libFuzzer, and build the fuzz targets of tests/fuzz beside the test suite.
# One tree then serves both scripts/sanitize.sh (the suite) and scripts/fuzz.sh
# (the fuzzers): CI compiles the libraries once for both (docs/fuzzing.md).
#
# The compiler must be clang, and a clang whose <expected> works with Debian 12's
# libstdc++ 12: that header is empty unless __cpp_concepts >= 202002L, which clang
# defines only from version 19 on (14 and 16 define 201907L). Debian 12 ships
# clang-19 and libclang-rt-19-dev (the libFuzzer and sanitizer runtimes), so
# configure with -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_C_COMPILER=clang-19.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "FWCTL_FUZZ needs clang (libFuzzer); this is ${CMAKE_CXX_COMPILER_ID}. "
    "Configure with -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_C_COMPILER=clang-19, or run scripts/fuzz.sh.")
endif()

include(CheckCXXSourceCompiles)
set(CMAKE_REQUIRED_FLAGS "-std=c++2b")
check_cxx_source_compiles([[
#include <expected>
std::expected<int, int> f() { return std::unexpected(1); }
int main() { return f().has_value() ? 1 : 0; }
]] FWCTL_CLANG_HAS_STD_EXPECTED)
unset(CMAKE_REQUIRED_FLAGS)
if(NOT FWCTL_CLANG_HAS_STD_EXPECTED)
  message(FATAL_ERROR "clang ${CMAKE_CXX_COMPILER_VERSION} cannot use std::expected from this libstdc++ "
    "(libstdc++ 12 needs __cpp_concepts >= 202002L, which clang defines from version 19 on). "
    "Install clang-19 and libclang-rt-19-dev (scripts/install-deps.sh does) and configure with "
    "-DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_C_COMPILER=clang-19.")
endif()

# Coverage instrumentation for everything; only the fuzz executables link
# libFuzzer's main() (-fsanitize=fuzzer, in tests/fuzz/CMakeLists.txt). The
# test programs link the ASan runtime, whose default coverage callbacks do nothing.
# No recovery from UBSan: undefined behaviour must crash so libFuzzer keeps the input.
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
  -fno-omit-frame-pointer)
add_link_options(-fsanitize=address,undefined)
