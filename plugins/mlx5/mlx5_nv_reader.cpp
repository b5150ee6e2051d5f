#include "plugins/mlx5/mlx5_nv_reader.hpp"

#include <set>
#include <string>
#include <vector>

#include "collector/hex.hpp"
#include "plugins/mlx5/mlx5_allowlist.hpp"
#include "plugins/mlx5/mlx5_catalogue.hpp"
#include "plugins/mlx5/mlx5_config_entries.hpp"
#include "plugins/mlx5/mlx5_nv_regs.hpp"
#include "plugins/mlx5/mlx5_wire.hpp"

namespace fwctl::plugins::mlx5 {

namespace {

const std::string section = "config";

// mlxconfig's backup walk has no bound; the mlxconfig DB knows about 200 item
// types, so a flash holding more than 256 items means a firmware that loops.
constexpr int max_stored_items = 256;

std::string item_label(std::string_view item, std::uint32_t type)
{
    return std::string(item) + " (" + hex_id(type, 8) + ")";
}

std::string join(const std::vector<std::string>& parts)
{
    std::string out;
    for (const std::string& p : parts) {
        out += (out.empty() ? "" : ", ") + p;
    }
    return out;
}

class NvReader {
public:
    explicit NvReader(Findings& f) : f_(f) {}

    void run()
    {
        if (!read_capabilities()) {
            return;
        }
        walk_stored_items();
        for (const ItemSpec& spec : catalogue()) {
            if (auto reading = read_known(spec)) {
                keep(std::move(*reading), item_label(spec.item, spec.type));
            }
        }
        for (const NvItem& item : stored_) {
            if (!is_catalogue_item(item)) {
                keep(read_unknown(item), item_label("item", item.header.type));
            }
        }
        explain();
    }

private:
    std::string& mode_block(AccessMode mode) { return blocked_[static_cast<std::size_t>(mode)]; }
    bool all_blocked() const
    {
        return !blocked_[0].empty() && !blocked_[1].empty() && !blocked_[2].empty();
    }

    // MNVGC. False when the firmware refuses NV access altogether.
    bool read_capabilities()
    {
        const Outcome o = f_.ask(mnvgc_rule(), build_mnvgc_read());
        if (o.kind == Outcome::Kind::failed) {
            f_.error(o.error);
            f_.note(section, "not read: MNVGC could not be sent (" + o.reason() + ")");
            return false;
        }
        if (o.refused()) {
            f_.refused(mnvgc_rule(), o.reply);
            f_.mark_refused(section);
            if (o.reply.status != status_bad_op) {
                f_.note(section, "not read: the firmware refused MNVGC (" + o.reason() +
                                     "), the first query of the non-volatile configuration registers");
                return false;
            }
            // An older firmware without MNVGC: next-boot values can still be read.
            const std::string why = "the firmware does not implement MNVGC (" + o.reason() +
                                    "), so it cannot say whether it reports this value";
            mode_block(AccessMode::current) = why;
            mode_block(AccessMode::factory_default) = why;
            return true;
        }
        auto caps = decode_mnvgc(o.reply.bytes);
        if (!caps) {
            f_.error(caps.error());
            mode_block(AccessMode::current) = "the MNVGC reply did not decode, so support is unknown";
            mode_block(AccessMode::factory_default) = mode_block(AccessMode::current);
            return true;
        }
        if (!caps->read_current) {
            mode_block(AccessMode::current) =
                "the firmware does not report current values (MNVGC nvda_read_current_settings is 0)";
        }
        if (!caps->read_factory) {
            mode_block(AccessMode::factory_default) =
                "the firmware does not report factory defaults (MNVGC nvda_read_factory_settings is 0)";
        }
        return true;
    }

    // MNVGN from pointer 0 until the firmware answers pointer 0.
    void walk_stored_items()
    {
        std::uint32_t pointer = 0;
        std::set<std::uint32_t> seen;
        for (int step = 0; step <= max_stored_items; ++step) {
            const Outcome o = f_.query(mnvgn_rule(), build_mnvgn_read(pointer), section);
            if (!o.accepted()) {
                f_.note(section, "items stored in flash were not listed (MNVGN " + o.reason() +
                                     "), so items the plugin does not know are missing");
                return;
            }
            auto next = decode_mnvgn(o.reply.bytes);
            if (!next) {
                f_.error(next.error());
                f_.note(section, "the list of stored items stops at an MNVGN reply that did not decode");
                return;
            }
            if (next->pointer == 0) {
                return;
            }
            if (!seen.insert(next->pointer).second) {
                f_.note(section, "the MNVGN walk returned pointer " + hex_id(next->pointer, 8) +
                                     " twice and was stopped there");
                return;
            }
            stored_.push_back(std::move(*next->item));
            pointer = next->pointer;
        }
        f_.note(section, "the MNVGN walk was stopped after " + std::to_string(max_stored_items) + " items");
    }

    // Stored items that address this function's own copy of a catalogue item.
    static bool is_catalogue_item(const NvItem& item)
    {
        return !item.header.host_id_valid && find_item(item.header.type) != nullptr;
    }

    const NvItem* stored_copy(std::uint32_t type) const
    {
        for (const NvItem& item : stored_) {
            if (!item.header.host_id_valid && item.header.type == type) {
                return &item;
            }
        }
        return nullptr;
    }

    // nullopt: the firmware does not have the item.
    std::optional<ItemReading> read_known(const ItemSpec& spec)
    {
        ItemReading r;
        r.type = spec.type;
        r.spec = &spec;
        if (const NvItem* stored = stored_copy(spec.type)) {
            r.slot(AccessMode::next).data = stored->data;
            r.writer_id = stored->header.writer_id;
            read_values(r, spec.length, false, {AccessMode::current, AccessMode::factory_default});
            return r;
        }
        if (all_blocked()) {
            return r;  // nothing can be read; keep() counts it as not read
        }
        if (mnvqc_usable_) {
            const Outcome o = f_.ask(mnvqc_rule(), build_mnvqc_read(spec.type));
            if (o.kind == Outcome::Kind::failed) {
                f_.error(o.error);
                mnvqc_usable_ = false;
            } else if (o.refused() && o.reply.status == status_bad_op) {
                f_.refused(mnvqc_rule(), o.reply);
                f_.mark_refused(section);
                mnvqc_usable_ = false;
                f_.note(section, "MNVQC is not supported (" + o.reason() +
                                     "), so items were read without checking that the firmware has them");
            } else if (o.refused() && o.reply.status == status_bad_param) {
                absent_.push_back(item_label(spec.item, spec.type));
                return std::nullopt;  // the firmware does not know this item type
            } else if (o.refused()) {
                // Any other status (internal error, busy, ...) is a failure, not an answer
                // about the item: report it, and still try to read the values.
                f_.refused(mnvqc_rule(), o.reply, "item " + hex_id(spec.type, 8));
            } else if (auto cap = decode_mnvqc(o.reply.bytes); !cap) {
                f_.error(cap.error());
            } else if (!cap->support_rd) {
                r.status = ItemStatus::not_supported;
                for (ValueSlot& s : r.values) {
                    s.unavailable = "the firmware does not allow reading this item (MNVQC support_rd is 0)";
                }
                return r;
            }
        }
        read_values(r, spec.length, false, {AccessMode::next, AccessMode::current, AccessMode::factory_default});
        if (!mnvqc_usable_ && r.status == ItemStatus::bad_parameter && !r.has_any_value()) {
            absent_.push_back(item_label(spec.item, spec.type));  // no MNVQC to tell absent from refused
            return std::nullopt;
        }
        return r;
    }

    ItemReading read_unknown(const NvItem& stored)
    {
        ItemReading r;
        r.type = stored.header.type;
        r.slot(AccessMode::next).data = stored.data;
        r.writer_id = stored.header.writer_id;
        read_values(r, stored.header.length, stored.header.host_id_valid,
                    {AccessMode::current, AccessMode::factory_default});
        return r;
    }

    void read_values(ItemReading& r, std::uint16_t length, bool host_id_valid,
                     std::initializer_list<AccessMode> modes)
    {
        std::string refused_in;  // the mode whose read the firmware refused for this item
        for (AccessMode mode : modes) {
            ValueSlot& slot = r.slot(mode);
            if (!mode_block(mode).empty()) {
                slot.unavailable = mode_block(mode);
                continue;
            }
            if (!refused_in.empty()) {
                slot.unavailable = "not read: the firmware refused the " + refused_in + " read of this item";
                continue;
            }
            const Outcome o = f_.ask(mnvda_rule(), build_mnvda_read(r.type, length, mode, host_id_valid));
            const std::string mode_name(access_mode_name(mode));
            if (o.kind == Outcome::Kind::failed) {
                f_.error(o.error);
                for (std::string& block : blocked_) {
                    block = "not read: an MNVDA request failed (" + o.reason() + ")";
                }
                slot.unavailable = mode_block(mode);
            } else if (o.refused() && o.reply.status == status_bad_op) {
                // The register (or this access mode of it) is not supported: stop asking.
                f_.refused(mnvda_rule(), o.reply, mode_name + " reads");
                f_.mark_refused(section);
                const std::string why = "the firmware does not support MNVDA " + mode_name + " reads (" +
                                        o.reason() + ")";
                if (mode == AccessMode::next) {
                    for (std::string& block : blocked_) {
                        block = why;
                    }
                }
                mode_block(mode) = why;
                slot.unavailable = why;
            } else if (o.refused()) {
                refused_in = mode_name;
                r.firmware_status = o.reason();
                slot.unavailable = "the firmware refused the " + mode_name + " read: " + o.reason();
                if (o.reply.status == status_bad_param) {
                    r.status = ItemStatus::bad_parameter;
                } else {
                    r.status = ItemStatus::error;  // not a plain refusal: worth an error entry
                    f_.refused(mnvda_rule(), o.reply, "item " + hex_id(r.type, 8) + ", " + mode_name);
                }
            } else if (auto item = decode_mnvda(o.reply.bytes, r.type, length); !item) {
                f_.error(item.error());
                r.status = ItemStatus::error;
                slot.unavailable = "the reply did not decode: " + item.error().detail;
            } else {
                slot.data = std::move(item->data);
            }
        }
    }

    // Items with no value and no item-level problem were stopped by a register-wide
    // failure; they are summed up in a note rather than listed one by one.
    void keep(ItemReading r, std::string label)
    {
        if (!r.has_any_value() && r.status == ItemStatus::ok) {
            not_read_.push_back(std::move(label));
            return;
        }
        append_config_entries(f_.config, r);
        ++kept_;
    }

    void explain()
    {
        if (!absent_.empty()) {
            f_.note(section, std::to_string(absent_.size()) +
                                 " known items are not present on this firmware and are not listed: " +
                                 join(absent_));
        }
        if (!not_read_.empty()) {
            std::string why = "see errors";
            for (const std::string& block : blocked_) {
                if (!block.empty()) {
                    why = block;
                    break;
                }
            }
            f_.note(section, std::to_string(not_read_.size()) + " items could not be read (" + why +
                                 "): " + join(not_read_));
        }
        if (kept_ == 0 && absent_.empty() && not_read_.empty()) {
            f_.note(section, "the firmware holds none of the items the plugin knows and no other stored items");
        }
    }

    Findings& f_;
    std::array<std::string, 3> blocked_;  // per access mode: why it is not read at all
    bool mnvqc_usable_ = true;
    std::vector<NvItem> stored_;
    std::vector<std::string> absent_, not_read_;
    std::size_t kept_ = 0;
};

}  // namespace

void read_config(Findings& f) { NvReader(f).run(); }

}  // namespace fwctl::plugins::mlx5
