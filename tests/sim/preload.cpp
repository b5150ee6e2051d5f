#include "tests/sim/preload.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <link.h>
#include <unistd.h>

namespace fwctl::sim {
namespace {

constexpr const char* kReexecMarker = "FWCTL_SIM_REEXEC";

int find_preload(struct dl_phdr_info* info, size_t, void* found) {
    if (info->dlpi_name && std::strstr(info->dlpi_name, "libumockdev-preload"))
        *static_cast<bool*>(found) = true;
    return 0;
}

}  // namespace

bool preload_is_loaded() {
    bool found = false;
    dl_iterate_phdr(find_preload, &found);
    return found;
}

std::string asan_options_with_link_order_off(const char* current) {
    std::string options = current ? current : "";
    if (options.find("verify_asan_link_order") != std::string::npos)
        return options;
    return options.empty() ? "verify_asan_link_order=0" : options + ":verify_asan_link_order=0";
}

std::string ensure_preloaded(char** argv) {
    if (preload_is_loaded()) {
        unsetenv(kReexecMarker);  // the command we run later must not inherit it
        return "";
    }
    if (std::getenv(kReexecMarker))
        return std::string(kPreloadLibrary) + " is not loaded even after re-executing with LD_PRELOAD; "
               "is umockdev installed?";

    const char* old = std::getenv("LD_PRELOAD");
    std::string preload = kPreloadLibrary;
    if (old && *old)
        preload += std::string(":") + old;
    setenv("LD_PRELOAD", preload.c_str(), 1);
    setenv(kReexecMarker, "1", 1);
    setenv("ASAN_OPTIONS", asan_options_with_link_order_off(std::getenv("ASAN_OPTIONS")).c_str(), 1);
    execv("/proc/self/exe", argv);
    return std::string("cannot re-execute /proc/self/exe: ") + std::strerror(errno);
}

}  // namespace fwctl::sim
