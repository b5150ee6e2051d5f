// fwctl-sim module for AMD/Pensando DSC (pds), FWCTL_DEVICE_TYPE_PDS = 4.
//
// The real driver's info op never sets its length (fwctl-reference.md §2.3), so
// FWCTL_INFO returns device_data_len 0 and a zero-filled buffer: emulated as an info
// op that returns no bytes. Endpoints and operations are firmware-defined and the
// tool sends no pds RPC, so every RPC is refused for now.
#include <cerrno>

#include "collector/uapi/fwctl_uapi.h"
#include "tests/sim/lab_yaml.hpp"
#include "tests/sim/sim_module.hpp"

namespace fwctl::sim {
namespace {

class PdsSimModule final : public SimModule {
public:
    std::string_view name() const override { return "pds"; }
    uint32_t type_id() const override { return FWCTL_DEVICE_TYPE_PDS; }

    std::any parse_state(const YAML::Node& node) const override {
        if (node.IsDefined() && !node.IsNull())
            check_keys(node, {}, "pds state (pds takes no state yet)");
        return {};
    }

    std::optional<Bytes> info(const DeviceState&) const override { return Bytes{}; }

    std::string describe(std::span<const uint8_t> in) const override {
        // struct fwctl_rpc_pds: in.op (u32: command in bits 15:0), in.ep
        if (in.size() < 8)
            return "short";
        return "op 0x" + to_hex(in.first(4)) + " ep 0x" + to_hex(in.subspan(4, 4));
    }

    std::expected<Bytes, int> rpc(const DeviceState&, uint32_t, std::span<const uint8_t>,
                                  uint32_t) const override {
        return std::unexpected(EOPNOTSUPP);
    }
};

}  // namespace

const SimModule& pds_sim_module() {
    static const PdsSimModule module;
    return module;
}

}  // namespace fwctl::sim
