#include "report/cli/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace fwctl::cli {

Progress::Progress(bool enabled) : enabled_(enabled && ::isatty(STDERR_FILENO) == 1) {}

Progress::~Progress()
{
    if (dirty_) {
        std::fputs("\r\033[K", stderr);
    }
}

void Progress::device_done(std::size_t done, std::size_t total, const std::string& name)
{
    if (!enabled_) {
        return;
    }
    std::fprintf(stderr, "\r\033[Kfwctl-report: collected %s (%zu/%zu)", name.c_str(), done, total);
    std::fflush(stderr);
    dirty_ = true;
}

}  // namespace fwctl::cli
