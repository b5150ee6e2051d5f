// Run inside fwctl-sim: opens the real (emulated) device nodes and asks the
// RPC channel for requests that must never be sent. Prints "refused: <what>"
// for each one the guard stops; any that gets through is printed as "SENT"
// and fails the probe. The e2e test then checks fwctl-sim's log: no RPC at all.
#include <cstdio>
#include <vector>

#include "collector/fwctl_device.hpp"
#include "collector/rpc_channel.hpp"
#include "collector/udev_enumerator.hpp"
#include "plugins/registry.hpp"

using namespace fwctl;

namespace {

int sent = 0;

void attempt(RpcChannel& channel, const char* what, const RpcRule& rule, std::vector<std::uint8_t> request)
{
    auto r = channel.call(rule, request, 64);
    if (!r && r.error().code == Errc::refused_by_guard) {
        std::printf("refused: %s (%s)\n", what, r.error().detail.c_str());
    } else {
        std::printf("SENT: %s\n", what);
        ++sent;
    }
}

std::span<const RpcRule> allowlist_for(std::uint32_t type)
{
    for (const Plugin* p : plugins::registry()) {
        if (p->info().type_id == type) {
            return p->allowlist();
        }
    }
    return {};
}

}  // namespace

int main()
{
    auto devices = enumerate_fwctl_devices();
    if (!devices) {
        std::fprintf(stderr, "%s\n", devices.error().message().c_str());
        return 2;
    }
    using O = FieldMatch::Order;
    for (const auto& id : *devices) {
        auto dev = FwctlDevice::open(id.name, id.devnode);
        if (!dev) continue;
        auto info = dev->info();
        if (!info) continue;
        const auto own = allowlist_for(info->type_id);
        RpcChannel channel(*dev, own);
        switch (info->type_id) {
        case 1: {  // mlx5
            // Even a plugin that lists scope-2/3 rules cannot send them.
            static const std::vector<RpcRule> greedy{
                {"scope 2", 2, {{0, 2, O::big, 0x101}}}, {"scope 3", 3, {{0, 2, O::big, 0x101}}}};
            RpcChannel greedy_channel(*dev, greedy);
            std::vector<std::uint8_t> query(16, 0);
            query[0] = 0x01, query[1] = 0x01;
            attempt(greedy_channel, "scope 2", greedy[0], query);
            attempt(greedy_channel, "scope 3", greedy[1], query);
            std::vector<std::uint8_t> write(32, 0);  // ACCESS_REG, op_mod 0 = write
            write[0] = 0x08, write[1] = 0x05, write[10] = 0x90, write[11] = 0x24;
            const RpcRule write_rule{"ACCESS_REG", 1, {{0, 2, O::big, 0x805}, {6, 2, O::big, 0}}};
            attempt(channel, "mlx5 ACCESS_REG write", write_rule, write);
            attempt(channel, "mlx5 ACCESS_REG write", own.front(), write);  // disguised under a listed rule
            break;
        }
        case 2: {  // cxl
            std::vector<std::uint8_t> set(48, 0);
            set[0] = 0x02, set[1] = 0x05;  // opcode 0x0502, host order
            set[8] = 32;
            const RpcRule set_rule{"CXL Set Feature", 1, {{0, 4, O::little, 0x502}}};
            attempt(channel, "CXL Set Feature", set_rule, set);
            attempt(channel, "CXL Set Feature", own.front(), set);
            break;
        }
        case 3: {  // bnxt
            std::vector<std::uint8_t> reset(24, 0);
            reset[0] = 0xc0;
            attempt(channel, "bnxt FW_RESET", {"HWRM_FW_RESET", 1, {{0, 2, O::little, 0xc0}}}, reset);
            attempt(channel, "bnxt FW_RESET", own.front(), reset);
            std::vector<std::uint8_t> factory(24, 0);
            factory[0] = 0xee, factory[1] = 0xff;
            attempt(channel, "bnxt NVM_FACTORY_DEFAULTS", own.front(), factory);
            break;
        }
        case 4: {  // pds: nothing is allowed
            attempt(channel, "pds any", {"pds firmware read", 1, {{0, 4, O::little, 0}}},
                    std::vector<std::uint8_t>(16, 0));
            break;
        }
        default:
            break;
        }
    }
    return sent == 0 ? 0 : 1;
}
