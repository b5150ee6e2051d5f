// libFuzzer target: the device data FWCTL_INFO returns, through the decoders
// that read it (mlx5 fwctl_info_mlx5, bnxt fwctl_info_bnxt) and into the
// report's device entry, which must still satisfy the schema: whatever bytes a
// driver hands back, the report that records them stays valid.
#include <cstdio>
#include <cstdlib>

#include "collector/hex.hpp"
#include "collector/snapshot.hpp"
#include "plugins/bnxt/bnxt_sections.hpp"
#include "plugins/mlx5/mlx5_wire.hpp"
#include "report/document.hpp"
#include "report/schema_validator.hpp"
#include "tests/fuzz/fuzz_input.hpp"

namespace {

using fwctl::fuzz::Bytes;

// The types whose plugin decodes INFO, and one no plugin knows (cxl and pds
// take that path too: their drivers return no INFO data to decode).
constexpr std::uint32_t type_mlx5 = 1, type_bnxt = 3, type_unknown = 9;

// What the mlx5 plugin puts in `info`, from the same decoder.
fwctl::PluginSections mlx5_info(Bytes data)
{
    fwctl::PluginSections out;
    if (auto info = fwctl::plugins::mlx5::decode_info(data)) {
        out.info = {{"uid", info->uid},
                    {"uctx_caps", fwctl::hex_id(info->uctx_caps)},
                    {"tools_resources", info->tools_resources}};
    } else {
        out.errors.push_back(fwctl::ErrorEntry::from("plugin", info.error()));
    }
    return out;
}

fwctl::PluginSections bnxt_info(Bytes data)
{
    fwctl::PluginSections out;
    auto section = fwctl::plugins::bnxt::info_section(data);
    out.info = std::move(section.tree);
    if (!section.note.empty()) {
        out.notes["info"] = section.note;
    }
    out.notes["config"] = fwctl::plugins::bnxt::config_note(fwctl::plugins::bnxt::uctx_caps_of(data));
    return out;
}

fwctl::DeviceRecord device_with_info(std::uint32_t type_id, Bytes data)
{
    fwctl::DeviceRecord d;
    d.identity.name = "fwctl0";
    d.identity.devnode = "/dev/fwctl/fwctl0";
    d.identity.dev = "511:0";
    d.info = fwctl::InfoData{type_id, std::vector<std::uint8_t>(data.begin(), data.end())};
    if (type_id == type_mlx5) {
        d.plugin = "mlx5";
        d.sections = mlx5_info(data);
    } else if (type_id == type_bnxt) {
        d.plugin = "bnxt";
        d.sections = bnxt_info(data);
    }
    d.errors = d.sections.errors;
    return d;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const Bytes info(data, size);
    for (const std::uint32_t type_id : {type_mlx5, type_bnxt, type_unknown}) {
        const auto doc = fwctl::report::device_document(device_with_info(type_id, info));
        const auto violations = fwctl::report::report_schema().validate_device(nlohmann::json(doc));
        if (!violations.empty()) {
            std::fprintf(stderr, "device entry for type %u violates the schema: %s\n", type_id,
                         fwctl::report::summarize(violations).c_str());
            std::abort();
        }
    }
    return 0;
}
