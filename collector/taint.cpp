#include "collector/taint.hpp"

#include <limits>

#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <fstream>
#include <sstream>

#include "collector/utf8.hpp"

namespace fwctl {

namespace {

struct KnownFlag {
    char letter;
    const char* name;
};

// include/linux/panic.h bit numbers; letters from kernel/panic.c taint_flags[].
constexpr std::array<KnownFlag, known_taint_flags> known_flags{{
    {'P', "TAINT_PROPRIETARY_MODULE"},  // 0
    {'F', "TAINT_FORCED_MODULE"},       // 1
    {'S', "TAINT_CPU_OUT_OF_SPEC"},     // 2
    {'R', "TAINT_FORCED_RMMOD"},        // 3
    {'M', "TAINT_MACHINE_CHECK"},       // 4
    {'B', "TAINT_BAD_PAGE"},            // 5
    {'U', "TAINT_USER"},                // 6
    {'D', "TAINT_DIE"},                 // 7
    {'A', "TAINT_OVERRIDDEN_ACPI_TABLE"},  // 8
    {'W', "TAINT_WARN"},                // 9
    {'C', "TAINT_CRAP"},                // 10
    {'I', "TAINT_FIRMWARE_WORKAROUND"}, // 11
    {'O', "TAINT_OOT_MODULE"},          // 12
    {'E', "TAINT_UNSIGNED_MODULE"},     // 13
    {'L', "TAINT_SOFTLOCKUP"},          // 14
    {'K', "TAINT_LIVEPATCH"},           // 15
    {'X', "TAINT_AUX"},                 // 16
    {'T', "TAINT_RANDSTRUCT"},          // 17
    {'N', "TAINT_TEST"},                // 18
    {'J', "TAINT_FWCTL"},               // 19
}};

// Modules whose taint matters for fwctl devices.
constexpr std::array<const char*, 11> fwctl_modules{
    "fwctl",   "mlx5_fwctl", "mlx5_core", "bnxt_fwctl", "bnxt_en", "pds_fwctl",
    "pds_core", "cxl_core",  "cxl_pci",   "cxl_mem",    "cxl_acpi",
};

std::string trimmed(std::string text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.pop_back();
    }
    return text;
}

}  // namespace

TaintState decode_taint(std::uint64_t value)
{
    TaintState state;
    state.value = value;
    for (unsigned bit = 0; bit < 64; ++bit) {
        if ((value & (std::uint64_t{1} << bit)) == 0) {
            continue;
        }
        if (bit < known_flags.size()) {
            state.flags.push_back({bit, known_flags[bit].letter, known_flags[bit].name});
        } else {
            state.flags.push_back({bit, '?', "bit " + std::to_string(bit)});
        }
    }
    return state;
}

Result<std::uint64_t> parse_taint_text(std::string_view text, std::string_view where)
{
    std::size_t end = text.size();
    while (end > 0 && std::isspace(static_cast<unsigned char>(text[end - 1]))) {
        --end;
    }
    std::uint64_t value = 0;
    const char* first = text.data();
    auto [ptr, ec] = std::from_chars(first, first + end, value);
    if (end == 0 || ec != std::errc() || ptr != first + end) {
        return fail(Errc::malformed_reply, std::string(where),
                    "expected a decimal taint mask, found '" +
                        escape_to_utf8(text.substr(0, std::min<std::size_t>(end, 40))) + "'");
    }
    // No kernel defines a taint bit near 63; a mask that high is garbage, and the
    // report's validator (valijson reads integers as int64) could not check it.
    if (value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return fail(Errc::malformed_reply, std::string(where),
                    "taint mask " + std::to_string(value) + " sets bit 63, which no kernel defines");
    }
    return value;
}

Result<TaintState> read_kernel_taint(const std::string& path)
{
    std::ifstream in(path);
    if (!in) {
        return fail(Errc::io, path, "cannot read the kernel taint mask", errno ? errno : ENOENT);
    }
    std::string text;
    std::getline(in, text);
    auto value = parse_taint_text(text, path);
    if (!value) {
        return std::unexpected(value.error());
    }
    return decode_taint(*value);
}

std::vector<ModuleTaint> read_module_taints()
{
    std::vector<ModuleTaint> result;
    for (const char* module : fwctl_modules) {
        std::ifstream in(std::string("/sys/module/") + module + "/taint");
        if (!in) {
            continue;  // not loaded, or built in: nothing to report
        }
        std::stringstream text;
        text << in.rdbuf();
        result.push_back({module, escape_to_utf8(trimmed(text.str()))});
    }
    return result;
}

}  // namespace fwctl
