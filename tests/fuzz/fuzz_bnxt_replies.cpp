// libFuzzer target: one HWRM reply buffer through every bnxt reply decoder and
// the section builders that turn decoded replies into the report's firmware and
// health trees. The driver hands back the whole 704-byte buffer; the decoders
// must trust only resp_len, and reject every header they cannot believe.
#include <cstdint>

#include "plugins/bnxt/bnxt_sections.hpp"
#include "plugins/bnxt/bnxt_wire.hpp"
#include "tests/fuzz/fuzz_input.hpp"

namespace {

using namespace fwctl::plugins::bnxt;
using fwctl::fuzz::Bytes;

// The commands the plugin sends, by the req_type their replies must echo.
constexpr std::uint16_t commands[] = {hwrm_ver_get, hwrm_fw_qstatus, hwrm_fw_health_check,
                                      hwrm_temp_monitor_query, hwrm_nvm_get_dev_info};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const Bytes reply(data, size);
    if (auto header = decode_output_header(reply)) {
        const HwrmFailure failure = classify_error_code(header->error_code);
        (void)failure.sys_errno;
    }
    for (const std::uint16_t command : commands) {
        (void)response_data(reply, command, "fuzz");
    }

    // The same bytes as the answer to each query: the section builders see what
    // the plugin would pass them, decoded or failed.
    const auto ver = decode_ver_get(reply);
    if (ver) {
        (void)ver->ethtool_firmware_version();
        (void)ver->devlink_version(ver->hwrm_fw);
        (void)ver->spec_code();
    }
    const auto nvm = decode_nvm_get_dev_info(reply);
    const auto qstatus = decode_fw_qstatus(reply);
    const auto check = decode_fw_health_check(reply);
    const auto temperature = decode_temp_monitor_query(reply);
    (void)firmware_section(ver, nvm).tree.dump();
    (void)health_section(check, qstatus, embedded_proc_chip, temperature).tree.dump();
    return 0;
}
