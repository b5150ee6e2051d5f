// Errors as values: every fallible function inside the tool returns
// Result<T>. An Error maps one-to-one onto an entry in the report's
// `errors` lists (what failed, where, errno), so nothing is lost.
#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace fwctl {

enum class Errc {
    io,                // a system call failed; sys_errno says why
    not_found,         // a file, attribute or device does not exist
    refused_by_guard,  // the read-only guard refused an RPC (never reached the kernel)
    device_status,     // the device answered with an in-band error status
    malformed_reply,   // a reply that does not decode
    truncated_reply,   // a reply shorter than its layout
    invalid_input,     // bad user input (flags, files to validate)
    schema_violation,  // a document does not match the schema
    internal,          // a bug in fwctl-report
};

std::string_view to_string(Errc errc);

struct Error {
    Errc code = Errc::internal;
    int sys_errno = 0;        // 0 when no errno applies
    std::string where;        // device, RPC or path
    std::string detail;       // one plain sentence

    // "where: detail (strerror)" for stderr.
    std::string message() const;
};

template <class T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(Errc code, std::string where, std::string detail,
                                   int sys_errno = 0)
{
    return std::unexpected(Error{code, sys_errno, std::move(where), std::move(detail)});
}

}  // namespace fwctl

// Propagate an error (ccache style). Usable only in functions returning Result<...>.
#define FWCTL_TRY(expr)                                   \
    do {                                                  \
        auto&& fwctl_try_r_ = (expr);                     \
        if (!fwctl_try_r_) {                              \
            return std::unexpected(fwctl_try_r_.error()); \
        }                                                 \
    } while (false)
