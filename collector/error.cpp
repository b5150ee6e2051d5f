#include "collector/error.hpp"

#include <cstring>

namespace fwctl {

std::string_view to_string(Errc errc)
{
    switch (errc) {
    case Errc::io: return "io";
    case Errc::not_found: return "not_found";
    case Errc::refused_by_guard: return "refused_by_guard";
    case Errc::device_status: return "device_status";
    case Errc::malformed_reply: return "malformed_reply";
    case Errc::truncated_reply: return "truncated_reply";
    case Errc::invalid_input: return "invalid_input";
    case Errc::schema_violation: return "schema_violation";
    case Errc::internal: return "internal";
    }
    return "internal";
}

std::string Error::message() const
{
    std::string text = where.empty() ? detail : where + ": " + detail;
    if (sys_errno != 0) {
        text += " (";
        text += std::strerror(sys_errno);
        text += ")";
    }
    return text;
}

}  // namespace fwctl
