#include "report/directory_writer.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "report/atomic_file.hpp"

namespace fwctl::report {

namespace fs = std::filesystem;

namespace {

// mkdir 0700 whatever the umask; an existing directory is fine.
Result<bool> ensure_directory(const fs::path& dir)
{
    if (::mkdir(dir.c_str(), 0700) == 0) {
        ::chmod(dir.c_str(), 0700);
        return true;
    }
    if (errno != EEXIST) {
        return fail(Errc::io, dir.string(), "cannot create the directory", errno);
    }
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        return fail(Errc::io, dir.string(), "exists and is not a directory", ENOTDIR);
    }
    return false;
}

}  // namespace

Result<void> check_can_write_directory(const fs::path& dir, bool force)
{
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) {
        const fs::path parent = dir.parent_path().empty() ? fs::path(".") : dir.parent_path();
        if (::access(parent.c_str(), W_OK | X_OK) != 0) {
            return fail(Errc::io, parent.string(), "cannot create the output directory here", errno);
        }
        return {};
    }
    if (!S_ISDIR(st.st_mode)) {
        return fail(Errc::io, dir.string(), "exists and is not a directory", ENOTDIR);
    }
    if (::access(dir.c_str(), W_OK | X_OK) != 0) {
        return fail(Errc::io, dir.string(), "cannot write to this directory", errno);
    }
    if (!force) {
        for (const char* fixed : {"manifest.yaml", "report.yaml"}) {
            if (::access((dir / fixed).c_str(), F_OK) == 0) {
                return fail(Errc::io, (dir / fixed).string(),
                            "a report already exists here; use --force to replace it", EEXIST);
            }
        }
    }
    return {};
}

Result<void> write_directory(const Bundle& bundle, const fs::path& dir, bool force)
{
    std::vector<fs::path> written;
    std::vector<fs::path> created_dirs;
    auto undo = [&] {
        for (auto it = written.rbegin(); it != written.rend(); ++it) {
            ::unlink(it->c_str());
        }
        for (auto it = created_dirs.rbegin(); it != created_dirs.rend(); ++it) {
            ::rmdir(it->c_str());  // only succeeds when empty: never removes foreign files
        }
    };

    auto made = ensure_directory(dir);
    if (!made) {
        return std::unexpected(made.error());
    }
    if (*made) {
        created_dirs.push_back(dir);
    }
    // Two phases, so that a full disk cannot leave a mix of old and new files: first
    // every member goes to a temporary file, where write errors show; only when all
    // are written are they renamed into place, in bundle order (manifest last). An
    // existing report (--force) is untouched until then.
    std::vector<AtomicFile> pending;
    auto fail_before_rename = [&](const Error& error) {
        pending.clear();  // removes the temporary files, so undo() can remove new dirs
        undo();
        return std::unexpected(error);
    };
    for (const auto& member : bundle.members) {
        const fs::path target = dir / member.path;
        if (target.parent_path() != dir) {
            auto sub = ensure_directory(target.parent_path());
            if (!sub) {
                return fail_before_rename(sub.error());
            }
            if (*sub) {
                created_dirs.push_back(target.parent_path());
            }
        }
        auto file = AtomicFile::create(target);
        if (!file) {
            return fail_before_rename(file.error());
        }
        auto wrote = file->write_all(member.content);
        pending.push_back(std::move(*file));  // so that a failure removes this one too
        if (!wrote) {
            return fail_before_rename(wrote.error());
        }
    }
    for (std::size_t i = 0; i < pending.size(); ++i) {
        if (auto r = pending[i].commit(force); !r) {
            pending.clear();
            undo();
            return r;
        }
        written.push_back(dir / bundle.members[i].path);
    }
    return {};
}

}  // namespace fwctl::report
