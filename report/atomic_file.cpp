#include "report/atomic_file.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <vector>

namespace fwctl::report {

namespace fs = std::filesystem;

namespace {

fs::path directory_of(const fs::path& path)
{
    const fs::path dir = path.parent_path();
    return dir.empty() ? fs::path(".") : dir;
}

void fsync_directory(const fs::path& dir)
{
    UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd) {
        ::fsync(fd.get());  // best effort: the rename is already visible
    }
}

}  // namespace

Result<AtomicFile> AtomicFile::create(const fs::path& final_path)
{
    const fs::path temp_template =
        directory_of(final_path) / ("." + final_path.filename().string() + ".tmp-XXXXXX");
    std::string name = temp_template.string();
    std::vector<char> buffer(name.begin(), name.end());
    buffer.push_back('\0');
    // mkstemp creates the file 0600 whatever the umask.
    const int fd = ::mkostemp(buffer.data(), O_CLOEXEC);
    if (fd < 0) {
        return fail(Errc::io, directory_of(final_path).string(),
                    "cannot create a file in this directory", errno);
    }
    ::fchmod(fd, 0600);
    return AtomicFile(final_path, fs::path(buffer.data()), UniqueFd(fd));
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : final_(std::move(other.final_)), temp_(std::move(other.temp_)), fd_(std::move(other.fd_)),
      committed_(other.committed_)
{
    other.committed_ = true;  // the moved-from object owns nothing to clean up
}

AtomicFile::~AtomicFile()
{
    if (!committed_ && !temp_.empty()) {
        ::unlink(temp_.c_str());
    }
}

Result<void> AtomicFile::write_all(std::string_view data)
{
    while (!data.empty()) {
        const ssize_t n = ::write(fd_.get(), data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return fail(Errc::io, final_.string(), "write failed", errno);
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return {};
}

Result<void> AtomicFile::commit(bool force)
{
    if (::fsync(fd_.get()) != 0) {
        return fail(Errc::io, final_.string(), "fsync failed", errno);
    }
    if (::close(fd_.release()) != 0) {
        return fail(Errc::io, final_.string(), "close failed", errno);
    }
    const int r = force ? ::rename(temp_.c_str(), final_.c_str())
                        : ::renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, final_.c_str(), RENAME_NOREPLACE);
    if (r != 0) {
        const int err = errno;
        if (err == EEXIST) {
            return fail(Errc::io, final_.string(), "already exists; use --force to replace it", err);
        }
        return fail(Errc::io, final_.string(), "cannot move the finished file into place", err);
    }
    committed_ = true;
    fsync_directory(directory_of(final_));
    return {};
}

Result<void> write_file_atomically(const fs::path& path, std::string_view content, bool force)
{
    auto file = AtomicFile::create(path);
    if (!file) {
        return std::unexpected(file.error());
    }
    FWCTL_TRY(file->write_all(content));
    return file->commit(force);
}

Result<void> check_can_create(const fs::path& path, bool force)
{
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0) {
        if (!force) {
            return fail(Errc::io, path.string(), "already exists; use --force to replace it", EEXIST);
        }
        if (S_ISDIR(st.st_mode)) {
            return fail(Errc::io, path.string(), "is a directory", EISDIR);
        }
    }
    const fs::path dir = directory_of(path);
    if (::access(dir.c_str(), W_OK | X_OK) != 0) {
        return fail(Errc::io, dir.string(), "cannot write to this directory", errno);
    }
    return {};
}

}  // namespace fwctl::report
