#include "tests/e2e/archive_members.hpp"

#include <doctest/doctest.h>

#include <archive.h>
#include <archive_entry.h>

namespace e2e {

std::map<std::string, std::string> archive_members(const std::filesystem::path& path)
{
    std::map<std::string, std::string> members;
    archive* a = archive_read_new();
    archive_read_support_filter_all(a);
    archive_read_support_format_all(a);
    REQUIRE(archive_read_open_filename(a, path.c_str(), 10240) == ARCHIVE_OK);
    archive_entry* e = nullptr;
    while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
        std::string data(static_cast<std::size_t>(archive_entry_size(e)), '\0');
        if (!data.empty()) {
            archive_read_data(a, data.data(), data.size());
        }
        members[archive_entry_pathname(e)] = data;
    }
    archive_read_free(a);
    return members;
}

}  // namespace e2e
