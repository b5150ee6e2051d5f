# Warnings for our own targets (not for third-party headers).
function(fwctl_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wformat=2
    -Wimplicit-fallthrough)
  if(FWCTL_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
