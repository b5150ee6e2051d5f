// libFuzzer target: `fwctl-report --validate` on a tar archive (any compression
// the loader accepts), as a customer might send a damaged or hostile one. The
// bytes are put in an anonymous memory file and loaded through its
// /proc/self/fd path, so the real load_for_validation() runs, start to end,
// without touching the disk. The documents it accepts go to the consumers in
// report_consumers.hpp.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "report/report_loader.hpp"
#include "tests/fuzz/report_consumers.hpp"

namespace {

// One memory file for the whole run, rewritten for each input.
int memory_file()
{
    static const int fd = [] {
        const int f = memfd_create("fwctl-fuzz-archive", MFD_CLOEXEC);
        if (f < 0) {
            std::perror("memfd_create");
            std::abort();
        }
        return f;
    }();
    return fd;
}

bool write_all(int fd, const std::uint8_t* data, std::size_t size)
{
    if (ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) != 0) {
        return false;
    }
    while (size > 0) {
        const ssize_t n = write(fd, data, size);
        if (n <= 0) {
            return false;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const int fd = memory_file();
    if (!write_all(fd, data, size)) {
        std::perror("writing the memory file");
        std::abort();
    }
    auto input = fwctl::report::load_for_validation("/proc/self/fd/" + std::to_string(fd));
    if (!input) {
        return 0;
    }
    std::vector<nlohmann::json> documents;
    for (auto& d : input->documents) {
        documents.push_back(std::move(d.doc));
    }
    fwctl::fuzz::consume(documents);
    return 0;
}
