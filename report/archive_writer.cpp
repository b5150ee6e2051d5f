#include "report/archive_writer.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <set>

#include "report/atomic_file.hpp"

namespace fwctl::report {

namespace {

struct ArchiveFree {
    void operator()(archive* a) const noexcept { archive_write_free(a); }
    void operator()(archive_entry* e) const noexcept { archive_entry_free(e); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;
using EntryPtr = std::unique_ptr<archive_entry, ArchiveFree>;

Result<void> check(archive* a, int r, const std::filesystem::path& path, std::string_view doing)
{
    if (r == ARCHIVE_OK) {
        return {};
    }
    const char* text = archive_error_string(a);
    return fail(Errc::io, path.string(), std::string(doing) + ": " + (text ? text : "libarchive error"),
                archive_errno(a));
}

Result<void> add_entry(archive* a, const std::string& name, const std::string* content, std::int64_t mtime,
                       const std::filesystem::path& path)
{
    EntryPtr entry{archive_entry_new()};
    archive_entry_set_pathname(entry.get(), name.c_str());
    archive_entry_set_filetype(entry.get(), content ? AE_IFREG : AE_IFDIR);
    archive_entry_set_perm(entry.get(), content ? 0600 : 0700);
    archive_entry_set_size(entry.get(), content ? static_cast<la_int64_t>(content->size()) : 0);
    archive_entry_set_mtime(entry.get(), mtime, 0);
    archive_entry_set_uid(entry.get(), 0);
    archive_entry_set_gid(entry.get(), 0);
    archive_entry_set_uname(entry.get(), "root");
    archive_entry_set_gname(entry.get(), "root");
    FWCTL_TRY(check(a, archive_write_header(a, entry.get()), path, "cannot add " + name));
    if (content && !content->empty()) {
        const la_ssize_t n = archive_write_data(a, content->data(), content->size());
        if (n < 0 || static_cast<std::size_t>(n) != content->size()) {
            return check(a, ARCHIVE_FATAL, path, "cannot write " + name);
        }
    }
    return {};
}

}  // namespace

Result<Compression> parse_compression(std::string_view name)
{
    if (name == "xz") return Compression::xz;
    if (name == "gzip" || name == "gz") return Compression::gzip;
    if (name == "zstd" || name == "zst") return Compression::zstd;
    if (name == "none") return Compression::none;
    return fail(Errc::invalid_input, "--compress",
                "unknown compression '" + std::string(name) + "' (choose xz, gzip, zstd or none)");
}

std::string_view archive_suffix(Compression c)
{
    switch (c) {
    case Compression::xz: return ".tar.xz";
    case Compression::gzip: return ".tar.gz";
    case Compression::zstd: return ".tar.zst";
    case Compression::none: return ".tar";
    }
    return ".tar";
}

Result<void> write_archive(const Bundle& bundle, const std::filesystem::path& path, Compression compression,
                           bool force, std::int64_t mtime)
{
    auto file = AtomicFile::create(path);
    if (!file) {
        return std::unexpected(file.error());
    }
    ArchivePtr a{archive_write_new()};
    if (!a) {
        return fail(Errc::io, path.string(), "libarchive: out of memory", ENOMEM);
    }
    FWCTL_TRY(check(a.get(), archive_write_set_format_pax_restricted(a.get()), path, "tar format"));
    int r = ARCHIVE_OK;
    switch (compression) {
    case Compression::xz:
        r = archive_write_add_filter_xz(a.get());
        // Preset 0 (256 KiB dictionary, about 3 MiB to compress) instead of
        // liblzma's default 6 (8 MiB dictionary, about 94 MiB): this tool runs
        // on machines already in trouble, and a report compresses almost as
        // well either way (a 256-device report: 25 KiB instead of 20 KiB).
        if (r == ARCHIVE_OK) {
            r = archive_write_set_filter_option(a.get(), "xz", "compression-level", "0");
        }
        break;
    case Compression::gzip: r = archive_write_add_filter_gzip(a.get()); break;
    case Compression::zstd: r = archive_write_add_filter_zstd(a.get()); break;
    case Compression::none: break;
    }
    FWCTL_TRY(check(a.get(), r, path, "compression filter"));
    FWCTL_TRY(check(a.get(), archive_write_open_fd(a.get(), file->fd()), path, "cannot start the archive"));

    FWCTL_TRY(add_entry(a.get(), bundle.top + "/", nullptr, mtime, path));
    std::set<std::string> folders;
    for (const auto& m : bundle.members) {
        const auto slash = m.path.rfind('/');
        if (slash != std::string::npos && folders.insert(m.path.substr(0, slash)).second) {
            FWCTL_TRY(add_entry(a.get(), bundle.top + "/" + m.path.substr(0, slash) + "/", nullptr, mtime, path));
        }
        FWCTL_TRY(add_entry(a.get(), bundle.top + "/" + m.path, &m.content, mtime, path));
    }
    // close() flushes the compressor: a full disk shows up here.
    FWCTL_TRY(check(a.get(), archive_write_close(a.get()), path, "cannot finish the archive"));
    return file->commit(force);
}

}  // namespace fwctl::report
