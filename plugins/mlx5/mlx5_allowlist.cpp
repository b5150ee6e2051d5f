#include "plugins/mlx5/mlx5_allowlist.hpp"

#include <array>

#include "plugins/mlx5/mlx5_wire.hpp"

namespace fwctl::plugins::mlx5 {

namespace {

using Order = FieldMatch::Order;

// Mailbox input header: opcode at bytes 0-1, op_mod at bytes 6-7, big endian;
// ACCESS_REG's register_id at bytes 10-11 (mlx5_ifc_access_register_in_bits).
FieldMatch opcode_is(std::uint16_t opcode) { return {0, 2, Order::big, opcode}; }
FieldMatch op_mod_is(std::uint16_t op_mod) { return {6, 2, Order::big, op_mod}; }
FieldMatch register_is(std::uint16_t id) { return {10, 2, Order::big, id}; }

// ACCESS_REG READ of one register, sent at scope 1 (FWCTL_RPC_DEBUG_READ_ONLY):
// the driver rejects register reads at scope 0 and accepts writes there.
RpcRule register_read(std::string_view name, std::uint16_t id, std::uint32_t image_len,
                      std::vector<FieldMatch> extra = {})
{
    std::vector<FieldMatch> fields{opcode_is(opcode_access_reg), op_mod_is(access_reg_op_mod_read),
                                   register_is(id)};
    fields.insert(fields.end(), extra.begin(), extra.end());
    return {name, 1, std::move(fields), access_reg_len(image_len), access_reg_len(image_len)};
}

enum Index : std::size_t { query_adapter, mgir, mcqs, mcqi, mnvgc, mnvqc, mnvda, mnvgn, mtmp, count };

const std::array<RpcRule, count>& rules()
{
    static const std::array<RpcRule, count> table{{
        {"QUERY_ADAPTER", 1, {opcode_is(opcode_query_adapter), op_mod_is(0)}, query_adapter_in_len,
         query_adapter_out_len},
        register_read("ACCESS_REG(MGIR) read", reg_mgir, mgir_len),
        register_read("ACCESS_REG(MCQS) read", reg_mcqs, mcqs_len),
        register_read("ACCESS_REG(MCQI) read", reg_mcqi, mcqi_len),
        register_read("ACCESS_REG(MNVGC) read", reg_mnvgc, mnvgc_len),
        register_read("ACCESS_REG(MNVQC) read", reg_mnvqc, mnvqc_len),
        register_read("ACCESS_REG(MNVDA) read", reg_mnvda, mnvda_len),
        register_read("ACCESS_REG(MNVGN) read", reg_mnvgn, mnvgn_len),
        // MTMP byte 0x08 of the image (mailbox byte 0x18) holds mte and mtr: mtr = 1
        // resets the recorded maximum temperature even in a READ, so it must be 0.
        register_read("ACCESS_REG(MTMP) read", reg_mtmp, mtmp_len, {{0x18, 1, Order::big, 0}}),
    }};
    return table;
}

}  // namespace

std::span<const RpcRule> allowlist() { return rules(); }
const RpcRule& query_adapter_rule() { return rules()[query_adapter]; }
const RpcRule& mgir_rule() { return rules()[mgir]; }
const RpcRule& mcqs_rule() { return rules()[mcqs]; }
const RpcRule& mcqi_rule() { return rules()[mcqi]; }
const RpcRule& mnvgc_rule() { return rules()[mnvgc]; }
const RpcRule& mnvqc_rule() { return rules()[mnvqc]; }
const RpcRule& mnvda_rule() { return rules()[mnvda]; }
const RpcRule& mnvgn_rule() { return rules()[mnvgn]; }
const RpcRule& mtmp_rule() { return rules()[mtmp]; }

}  // namespace fwctl::plugins::mlx5
