// Running fwctl-sim under libumockdev-preload.so.0.
//
// The process that creates the testbed must itself be preloaded: umockdev checks that
// parent devices exist through the redirected /sys (umockdev-notes.md pitfall 1).
// We do not ask umockdev_in_mock_environment(): it caches its first answer and hides
// "add" uevents when asked too early (pitfall 6). We look at the loaded objects.
#pragma once

#include <string>

namespace fwctl::sim {

inline constexpr const char* kPreloadLibrary = "libumockdev-preload.so.0";

// True when libumockdev-preload is mapped into this process.
bool preload_is_loaded();

// Returns if the preload library is loaded. Otherwise prepends it to LD_PRELOAD and
// re-executes /proc/self/exe with the same argv (once: an environment marker stops a
// loop). Returns an error message only when that is impossible.
std::string ensure_preloaded(char** argv);

// ASan refuses to start when another library comes first in LD_PRELOAD unless told
// not to check; returns ASAN_OPTIONS with verify_asan_link_order=0 added.
std::string asan_options_with_link_order_off(const char* current);

}  // namespace fwctl::sim
