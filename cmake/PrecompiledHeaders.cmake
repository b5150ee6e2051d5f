# The headers nearly every file of a target includes, precompiled once per
# target: parsing nlohmann/json.hpp is about 1 s of each file's compile.
#
# Used for the test programs only. On the libraries it saved about 20 s of a
# 6.5-minute build, but g++ 12 then reports -Warray-bounds false positives
# inside <string> (the PCH loses the system-header status of its inlined
# code), which a packager building with warnings on would see.
#
# Skipped when a compiler launcher (ccache) is set: ccache does not cache a
# file built with a PCH unless its sloppiness is set, and a warm cache is
# faster than any PCH.
function(fwctl_precompile_headers target)
  if(CMAKE_CXX_COMPILER_LAUNCHER)
    return()
  endif()
  target_precompile_headers(${target} PRIVATE <nlohmann/json.hpp> <string> <vector> ${ARGN})
endfunction()
