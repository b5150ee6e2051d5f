// libFuzzer target: one mlx5 mailbox reply, as the firmware (or a hostile
// device) could return it, through every mlx5 reply decoder and on into the
// report code that uses what they decode. Each decoder must reject what it
// cannot read with an error, never read out of bounds, never crash.
#include <array>

#include "plugins/mlx5/mlx5_catalogue.hpp"
#include "plugins/mlx5/mlx5_config_entries.hpp"
#include "plugins/mlx5/mlx5_fw_regs.hpp"
#include "plugins/mlx5/mlx5_nv_regs.hpp"
#include "plugins/mlx5/mlx5_wire.hpp"
#include "tests/fuzz/fuzz_input.hpp"

namespace {

using namespace fwctl::plugins::mlx5;
using fwctl::fuzz::Bytes;

// Offset of the MNVDA item's type in the mailbox: image at 0x10, type at +4.
constexpr std::size_t mnvda_type_offset = 0x14;

// An item's bytes become config entries the way the nv reader builds them: the
// same data in all three access modes, checked against the catalogue entry for
// its type (or reported raw when the type is unknown).
void build_config_entries(const NvItem& item)
{
    ItemReading reading;
    reading.type = item.header.type;
    reading.spec = find_item(item.header.type);
    for (auto& slot : reading.values) {
        slot.data = item.data;
    }
    reading.writer_id = item.header.writer_id;
    fwctl::Tree config = fwctl::Tree::array();
    append_config_entries(config, reading);
    (void)config.dump();
}

void firmware_registers(Bytes reply)
{
    if (auto mgir = decode_mgir(reply)) {
        (void)mgir_version(*mgir);
        (void)mgir_build_date(*mgir);
        (void)mgir_build_time(*mgir);
    }
    if (auto mcqs = decode_mcqs(reply)) {
        (void)update_state_name(mcqs->update_state);
    }
    if (auto mcqi = decode_mcqi_version(reply)) {
        (void)format_fw_version(mcqi->version);
    }
    if (auto mtmp = decode_mtmp(reply)) {
        (void)mtmp_celsius(mtmp->temperature);
        (void)mtmp_celsius(mtmp->max_temperature);
    }
}

void configuration_registers(Bytes reply)
{
    (void)decode_mnvgc(reply);
    (void)decode_mnvqc(reply);
    if (auto next = decode_mnvgn(reply); next && next->item) {
        (void)writer_name(next->item->header.writer_id);
        build_config_entries(*next->item);
    }
    // MNVDA checks the item type against the one asked for: ask for the type the
    // reply names (the happy path) and for another one (the mismatch).
    const std::uint32_t named_type = fwctl::fuzz::be32_at(reply, mnvda_type_offset);
    for (const std::uint32_t type : {named_type, named_type ^ 1u}) {
        for (const std::uint16_t requested : std::array<std::uint16_t, 4>{0, 4, nv_max_item_len, 0xffff}) {
            if (auto item = decode_mnvda(reply, type, requested)) {
                build_config_entries(*item);
            }
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const Bytes reply(data, size);
    if (auto status = decode_status(reply)) {
        (void)describe_status(status->status, status->syndrome);
    }
    (void)decode_query_adapter(reply);
    firmware_registers(reply);
    configuration_registers(reply);
    return 0;
}
