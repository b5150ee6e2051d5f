// Writing output without ever leaving a half-written file under its final
// name: write a temporary file in the same directory (mode 0600), fsync it,
// then rename it into place. Without `force`, an existing file is never
// replaced (renameat2 RENAME_NOREPLACE closes the check-then-rename race).
#pragma once

#include <filesystem>
#include <string_view>

#include "collector/error.hpp"
#include "collector/unique_fd.hpp"

namespace fwctl::report {

class AtomicFile {
public:
    // Creates the temporary file next to `final_path`.
    static Result<AtomicFile> create(const std::filesystem::path& final_path);

    AtomicFile(AtomicFile&& other) noexcept;
    AtomicFile& operator=(AtomicFile&&) = delete;
    AtomicFile(const AtomicFile&) = delete;
    ~AtomicFile();  // removes the temporary file unless committed

    int fd() const noexcept { return fd_.get(); }
    Result<void> write_all(std::string_view data);
    // fsync, close, rename into place, fsync the directory.
    Result<void> commit(bool force);

private:
    AtomicFile(std::filesystem::path final_path, std::filesystem::path temp_path, UniqueFd fd)
        : final_(std::move(final_path)), temp_(std::move(temp_path)), fd_(std::move(fd))
    {
    }
    std::filesystem::path final_;
    std::filesystem::path temp_;
    UniqueFd fd_;
    bool committed_ = false;
};

// Convenience: the whole content at once.
Result<void> write_file_atomically(const std::filesystem::path& path, std::string_view content, bool force);

// Refuse early (before collecting) when the target exists and --force is not given.
Result<void> check_can_create(const std::filesystem::path& path, bool force);

}  // namespace fwctl::report
