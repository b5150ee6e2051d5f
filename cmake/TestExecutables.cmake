# Build settings for the doctest executables (unit, e2e, fault and sim tests).
#
# Test code is compiled without optimisation: it is most of the build (every
# TEST_CASE expands into a lot of code) and -O2 made each file 2-3 times slower
# to compile for no gain, since what the tests measure is the behaviour of the
# tool and of the libraries, which keep the build type's flags. -g1 (line
# tables, enough for a failing test's backtrace) instead of full debug info
# saves another 13%. Both come after CMAKE_CXX_FLAGS_<CONFIG> on the command
# line, so they win.
#
# doctest.h is precompiled with the common headers (PrecompiledHeaders.cmake).
function(fwctl_test_executable target)
  target_compile_options(${target} PRIVATE -O0 -g1)
  fwctl_precompile_headers(${target} <doctest/doctest.h>)
  # The file with DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN must see doctest.h for
  # the first time after that define.
  get_target_property(sources ${target} SOURCES)
  foreach(source IN LISTS sources)
    if(source MATCHES "main\\.cpp$")
      set_source_files_properties(${source} TARGET_DIRECTORY ${target} PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
    endif()
  endforeach()
endfunction()
