#include "collector/host_info.hpp"

#include <sys/utsname.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <fstream>
#include <sstream>

#include "collector/utf8.hpp"

namespace fwctl {

namespace {

std::optional<std::string> read_file(const char* path)
{
    std::ifstream in(path);
    if (!in) {
        return std::nullopt;
    }
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string unquote(std::string_view value)
{
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
        value = value.substr(1, value.size() - 2);
    }
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) {
            ++i;
        }
        out += value[i];
    }
    return escape_to_utf8(out);
}

}  // namespace

std::optional<std::string> parse_lockdown(std::string_view text)
{
    const auto open = text.find('[');
    const auto close = text.find(']', open == std::string_view::npos ? 0 : open);
    if (open == std::string_view::npos || close == std::string_view::npos) {
        return std::nullopt;
    }
    return escape_to_utf8(text.substr(open + 1, close - open - 1));
}

OsRelease parse_os_release(std::string_view text)
{
    OsRelease os;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        const auto eq = line.find('=');
        if (line.empty() || line.front() == '#' || eq == std::string_view::npos) {
            continue;
        }
        const auto key = line.substr(0, eq);
        const auto value = unquote(line.substr(eq + 1));
        if (key == "ID") {
            os.id = value;
        } else if (key == "VERSION_ID") {
            os.version_id = value;
        } else if (key == "PRETTY_NAME") {
            os.pretty_name = value;
        }
    }
    return os;
}

HostResult read_host_info()
{
    HostResult result;
    char name[HOST_NAME_MAX + 1] = {};
    if (::gethostname(name, sizeof name - 1) == 0) {
        result.host.hostname = escape_to_utf8(name);
    } else {
        result.errors.push_back({"host", "hostname", errno, "gethostname() failed"});
    }
    struct utsname uts {};
    if (::uname(&uts) == 0) {
        result.host.kernel_release = escape_to_utf8(uts.release);
    } else {
        result.errors.push_back({"host", "kernel release", errno, "uname() failed"});
    }

    auto os_release = read_file("/etc/os-release");
    if (!os_release) {
        os_release = read_file("/usr/lib/os-release");
    }
    if (os_release) {
        result.host.os = parse_os_release(*os_release);
    } else {
        result.errors.push_back({"host", "/etc/os-release", ENOENT,
                                 "no os-release file; distribution fields are null"});
    }

    // securityfs may be unmounted or lockdown not built in: null, not an error.
    if (auto lockdown = read_file("/sys/kernel/security/lockdown")) {
        result.host.lockdown = parse_lockdown(*lockdown);
    }
    return result;
}

}  // namespace fwctl
