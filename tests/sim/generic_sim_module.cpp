// Device types no emulated driver claims (a lab `type: 9`). Such a device only answers
// FWCTL_INFO, with the lab's `info_hex` (handled by the kernel layer); every RPC is
// refused, so a tool that sends RPCs to a type it does not know shows up in the log.
#include <cerrno>

#include "tests/sim/lab_yaml.hpp"
#include "tests/sim/sim_module.hpp"

namespace fwctl::sim {
namespace {

class GenericSimModule final : public SimModule {
public:
    std::string_view name() const override { return "generic"; }
    uint32_t type_id() const override { return 0; }

    std::any parse_state(const YAML::Node& state) const override {
        if (state.IsDefined() && !state.IsNull())
            check_keys(state, {}, "state (unknown device types take no state)");
        return {};
    }

    std::optional<Bytes> info(const DeviceState&) const override { return std::nullopt; }

    std::string describe(std::span<const uint8_t> in) const override {
        return in.empty() ? "empty" : "0x" + to_hex(in.first(in.size() < 4 ? in.size() : 4));
    }

    std::expected<Bytes, int> rpc(const DeviceState&, uint32_t, std::span<const uint8_t>,
                                  uint32_t) const override {
        return std::unexpected(EOPNOTSUPP);
    }
};

}  // namespace

const SimModule& generic_sim_module() {
    static const GenericSimModule module;
    return module;
}

}  // namespace fwctl::sim
