// fwctl-sim module for mlx5 (ConnectX), FWCTL_DEVICE_TYPE_MLX5 = 1.
//
// Emulates drivers/fwctl/mlx5/main.c: EMSGSIZE for in/out shorter than the 16-byte
// mailbox headers, the per-scope opcode allowlist (mlx5ctl_validate_rpc, EBADMSG
// otherwise), the forced uid in bytes 2-3, and firmware answers in big-endian PRM
// layout. Firmware errors are in-band (status/syndrome, ioctl returns 0), and like
// mlx5_cmd_do the reply is exactly the caller's out_len bytes: the driver never
// changes out_len. Sources: fwctl-reference.md §2.1, mlx5-layouts.md §1-3.
//
// The firmware answers QUERY_ADAPTER and ACCESS_REG reads of MGIR, MCQS, MCQI,
// MNVGC, MNVQC, MNVDA, MNVGN and MTMP (mlx5_sim_registers.hpp) from the lab state
// (mlx5_sim_state.hpp). Without TOOLS_RESOURCES in uctx_caps it refuses those global
// registers with BAD_PARAM, as real firmware refuses a UID without the capability.
#include <cerrno>
#include <cstring>

#include "collector/uapi/fwctl_uapi.h"
#include "plugins/mlx5/tests/mlx5_sim_registers.hpp"
#include "plugins/mlx5/tests/mlx5_sim_state.hpp"
#include "tests/sim/lab_yaml.hpp"
#include "tests/sim/sim_module.hpp"

namespace fwctl::sim {
namespace {

using mlx5_sim::Mlx5State;

constexpr size_t kMboxHeaderLen = 16;
constexpr size_t kQueryAdapterOutLen = 0x110;  // header + 256-byte query_adapter_struct
constexpr uint16_t kQueryAdapter = 0x101;
constexpr uint16_t kAccessReg = 0x805;
constexpr uint16_t kAccessRegisterUser = 0xb0c;

struct Mlx5Op {
    uint16_t opcode;
    const char* name;
    uint32_t min_scope;  // the lowest fwctl scope the driver accepts it at
};

// mlx5ctl_validate_rpc, the opcodes with known values (fwctl-reference.md §2.1 and the
// mlx5_ifc.h opcode enum). ACCESS_REG/ACCESS_REGISTER_USER depend on op_mod; see below.
constexpr Mlx5Op kOps[] = {
    // any scope
    {0x100, "QUERY_HCA_CAP", 0},
    {0x101, "QUERY_ADAPTER", 0},
    {0x109, "SET_HCA_CAP", 0},
    {0x10e, "QUERY_OTHER_HCA_CAP", 0},
    {0x740, "QUERY_ESW_FUNCTIONS", 0},
    {0x760, "QUERY_ROCE_ADDRESS", 0},
    {0x762, "QUERY_HCA_VPORT_CONTEXT", 0},
    {0xb22, "QUERY_VUID", 0},
    {0xb2e, "POSTPONE_CONNECTED_QP_TIMEOUT", 0},
    // scope >= DEBUG_READ_ONLY
    {0x107, "QUERY_PAGES", 1},
    {0x10a, "QUERY_ISSI", 1},
    {0x10c, "QUERY_DRIVER_VERSION", 1},
    {0x201, "QUERY_MKEY", 1},
    {0x203, "QUERY_SPECIAL_CONTEXTS", 1},
    {0x303, "QUERY_EQ", 1},
    {0x402, "QUERY_CQ", 1},
    {0x50b, "QUERY_QP", 1},
    {0x512, "QUERY_RDB", 1},
    {0x602, "QUERY_PSV", 1},
    {0x702, "QUERY_SRQ", 1},
    {0x707, "QUERY_XRC_SRQ", 1},
    {0x713, "QUERY_DCT", 1},
    {0x716, "QUERY_DC_CNAK_TRACE", 1},
    {0x722, "QUERY_NVMF_0x722", 1},
    {0x728, "QUERY_NVMF_0x728", 1},
    {0x750, "QUERY_VPORT_STATE", 1},
    {0x752, "QUERY_ESW_VPORT_CONTEXT", 1},
    {0x754, "QUERY_NIC_VPORT_CONTEXT", 1},
    {0x76f, "QUERY_VNIC_ENV", 1},
    {0x770, "QUERY_VPORT_COUNTER", 1},
    {0x773, "QUERY_Q_COUNTER", 1},
    {0x813, "QUERY_BURST_SIZE", 1},
    {0x819, "QUERY_DIAGNOSTIC_PARAMS", 1},
    {0x821, "QUERY_DIAGNOSTIC_COUNTERS", 1},
    {0x842, "QUERY_LAG", 1},
    {0x903, "QUERY_TIR", 1},
    {0x907, "QUERY_SQ", 1},
    {0x90b, "QUERY_RQ", 1},
    {0x90f, "QUERY_RMP", 1},
    {0x911, "QUERY_DELAY_DROP_PARAMS", 1},
    {0x915, "QUERY_TIS", 1},
    {0x919, "QUERY_RQT", 1},
    {0x932, "QUERY_FLOW_TABLE", 1},
    {0x971, "QUERY_AFU", 1},
    {0x981, "QUERY_CAPI_PEC", 1},
    {0xa02, "QUERY_GENERAL_OBJECT", 1},
    {0xa05, "QUERY_UCTX", 1},
    {0xa09, "QUERY_UMEM", 1},
    {0xb02, "QUERY_NVMF_0xb02", 1},
    {0xb03, "QUERY_EMULATED_FUNCTIONS_INFO", 1},
    {0xb05, "QUERY_REGEXP_PARAMS", 1},
    {0xb07, "QUERY_REGEXP_REGISTER", 1},
    {0xb08, "USER_QUERY_XRQ_DC_PARAMS_ENTRY", 1},
    {0xb0a, "USER_QUERY_XRQ_ERROR_PARAMS", 1},
    {0xb0f, "QUERY_EMULATION_DEVICE_EQ_MSIX_MAPPING", 1},
    {0xb13, "QUERY_MATCH_SAMPLE_INFO", 1},
    {0xb14, "QUERY_CRYPTO_STATE", 1},
    {0xb28, "QUERY_DPA_PARTITION", 1},
    {0xb2a, "QUERY_DPA_PARTITIONS", 1},
    {0xb2f, "QUERY_EMULATED_RESOURCES_INFO", 1},
    {0x8000, "QUERY_RSV_RESOURCES", 1},
    {0x8001, "QUERY_MTT", 1},
    {0x8006, "QUERY_SCHED_QUEUE", 1},
    // scope >= DEBUG_WRITE (taints)
    {0x820, "SET_DIAGNOSTIC_PARAMS", 2},
};

const Mlx5Op* find_op(uint16_t opcode) {
    for (const Mlx5Op& op : kOps)
        if (op.opcode == opcode)
            return &op;
    return nullptr;
}

bool is_access_reg(uint16_t opcode) { return opcode == kAccessReg || opcode == kAccessRegisterUser; }

// nullopt: the driver rejects the opcode at every scope.
std::optional<uint32_t> required_scope(uint16_t opcode, uint16_t op_mod) {
    if (is_access_reg(opcode))
        return op_mod == 0 ? 0u : 1u;  // register WRITE passes at scope 0, READ needs 1
    if (const Mlx5Op* op = find_op(opcode))
        return op->min_scope;
    return std::nullopt;
}

Bytes query_adapter_reply(const Mlx5State& s) {
    Bytes r(kQueryAdapterOutLen, 0);  // status 0, syndrome 0
    put_u8(r, 0x29, static_cast<uint8_t>(s.ieee_vendor_id >> 16));
    put_u8(r, 0x2a, static_cast<uint8_t>(s.ieee_vendor_id >> 8));
    put_u8(r, 0x2b, static_cast<uint8_t>(s.ieee_vendor_id));
    put_be16(r, 0x2e, s.vsd_vendor_id);
    put_ascii(r, 0x30, s.vsd, 208);
    put_ascii(r, 0x100, s.psid, 16);
    return r;
}

Bytes status_reply(uint8_t status, uint32_t syndrome) {
    Bytes r(kMboxHeaderLen, 0);
    put_u8(r, 0, status);
    put_be32(r, 4, syndrome);
    return r;
}

// ACCESS_REG as firmware handles it: register writes and registers it does not
// emulate are BAD_OP; then the UID's capability, the lab's refusals, the mailbox
// lengths (BAD_INPUT_LEN / BAD_OUTPUT_LEN) and finally the register itself.
Bytes access_reg_reply(const Mlx5State& s, std::span<const uint8_t> in, uint32_t out_len) {
    using namespace mlx5_sim;
    const uint16_t id = get_be16(in, 10);
    const std::span<const uint8_t> image = in.size() > kMboxHeaderLen ? in.subspan(kMboxHeaderLen)
                                                                       : std::span<const uint8_t>{};
    const size_t need = register_len(id, image);
    if (get_be16(in, 6) == 0 || need == 0)
        return status_reply(kStatusBadOp, kSyndromeNotEmulated);
    if ((s.uctx_caps & FWCTL_MLX5_UCTX_CAP_TOOLS_RESOURCES) == 0)
        return status_reply(kStatusBadParam, kSyndromeNoToolsResources);
    if (auto r = s.refuse.find(id); r != s.refuse.end())
        return status_reply(r->second, kSyndromeRefused);
    if (in.size() < kMboxHeaderLen + need)
        return status_reply(kStatusBadInputLen, 0);
    if (out_len < kMboxHeaderLen + need)
        return status_reply(kStatusBadOutputLen, 0);
    const RegAnswer answer = read_register(s, id, image);
    if (answer.status != 0)
        return status_reply(answer.status, answer.syndrome);
    Bytes reply(kMboxHeaderLen, 0);
    reply.insert(reply.end(), answer.image.begin(), answer.image.end());
    return reply;
}

std::string hex16(uint16_t v) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string s = "0x";
    for (int shift = 12; shift >= 0; shift -= 4)
        s.push_back(kDigits[(v >> shift) & 0xf]);
    return s;
}

class Mlx5SimModule final : public SimModule {
public:
    std::string_view name() const override { return "mlx5"; }
    uint32_t type_id() const override { return FWCTL_DEVICE_TYPE_MLX5; }

    std::any parse_state(const YAML::Node& node) const override { return mlx5_sim::parse_mlx5_state(node); }

    std::optional<Bytes> info(const DeviceState& dev) const override {
        const auto& s = module_state<Mlx5State>(dev);
        const struct fwctl_info_mlx5 info{s.uid, s.uctx_caps};  // host order, as the kernel
        Bytes out(sizeof(info));
        std::memcpy(out.data(), &info, sizeof(info));
        return out;
    }

    // mlx5ctl_fw_rpc: MLX5_SET(mbox_in_hdr, rpc_in, uid, mfd->uctx_uid)
    void rewrite_request(const DeviceState& dev, Bytes& in) const override {
        if (in.size() >= 4)
            put_be16(in, 2, module_state<Mlx5State>(dev).uid);
    }

    std::string describe(std::span<const uint8_t> in) const override {
        const uint16_t opcode = get_be16(in, 0);
        if (is_access_reg(opcode)) {
            const char* base = opcode == kAccessReg ? "ACCESS_REG" : "ACCESS_REGISTER_USER";
            const char* dir = get_be16(in, 6) == 0 ? "write" : "read";
            return std::string(base) + ":" + dir + ":" + hex16(get_be16(in, 10));
        }
        const Mlx5Op* op = find_op(opcode);
        return op ? op->name : hex16(opcode);
    }

    std::expected<Bytes, int> rpc(const DeviceState& dev, uint32_t scope,
                                  std::span<const uint8_t> in, uint32_t out_len) const override {
        if (in.size() < kMboxHeaderLen || out_len < kMboxHeaderLen)
            return std::unexpected(EMSGSIZE);
        const uint16_t opcode = get_be16(in, 0);
        const auto needed = required_scope(opcode, get_be16(in, 6));
        if (!needed || scope < *needed)
            return std::unexpected(EBADMSG);

        // What firmware answers. Errors are in-band, so the ioctl still succeeds
        // (-EREMOTEIO becomes 0). Other commands are "bad opcode" (not emulated).
        const Mlx5State& s = module_state<Mlx5State>(dev);
        Bytes reply = opcode == kQueryAdapter ? query_adapter_reply(s)
                      : opcode == kAccessReg  ? access_reg_reply(s, in, out_len)
                                              : status_reply(mlx5_sim::kStatusBadOp, mlx5_sim::kSyndromeNotEmulated);
        reply.resize(out_len, 0);  // mlx5_cmd_do fills exactly out_len bytes
        return reply;
    }
};

}  // namespace

const SimModule& mlx5_sim_module() {
    static const Mlx5SimModule module;
    return module;
}

}  // namespace fwctl::sim
