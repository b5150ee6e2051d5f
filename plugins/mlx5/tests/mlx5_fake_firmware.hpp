// A scripted mlx5 firmware behind the plugin's Mailbox interface, for unit tests of
// the readers (which queries they send, in what order, and what they make of
// refusals). Every request must pass the plugin's own allowlist, and no request may
// be sent twice. Replies are built from the layouts in mlx5-layouts.md.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "collector/rpc_guard.hpp"
#include "plugins/mlx5/mlx5_allowlist.hpp"
#include "plugins/mlx5/mlx5_mailbox.hpp"

namespace fwctl::plugins::mlx5::test {

using Bytes = std::vector<std::uint8_t>;

inline std::uint32_t be32_at(const Bytes& b, std::size_t off)
{
    return std::uint32_t{b[off]} << 24 | std::uint32_t{b[off + 1]} << 16 | std::uint32_t{b[off + 2]} << 8 | b[off + 3];
}

inline void be32_to(Bytes& b, std::size_t off, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i) {
        b[off + i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
    }
}

struct FakeItem {
    std::uint32_t type = 0;
    Bytes factory, current, next;
    bool stored = false;
    bool readable = true;
};

class FakeFirmware final : public Mailbox {
public:
    // Firmware state.
    std::vector<FakeItem> items;
    bool read_current = true, read_default = true;
    std::map<std::uint16_t, std::uint8_t> refuse;       // register -> status, for every request
    std::map<std::uint8_t, std::uint8_t> refuse_mnvda;  // access mode -> status
    std::set<std::uint32_t> refuse_items;               // MNVDA BAD_PARAM for these types
    std::set<std::uint16_t> fail_delivery;              // registers whose ioctl fails (EIO)
    std::uint32_t fw_version = 0x1c2703ea;
    std::uint8_t update_state = 0;

    // What was sent.
    std::map<std::uint16_t, int> calls;  // register id (QUERY_ADAPTER: 0x101) -> count
    std::vector<std::string> log;        // "MNVDA 0x00000080 mode 1", ...

    const std::string& device_name() const override { return name_; }

    Result<FirmwareReply> execute(const RpcRule& rule, std::span<const std::uint8_t> request,
                                  std::size_t reply_len) override
    {
        const Bytes in(request.begin(), request.end());
        CHECK_MESSAGE(check_rpc(allowlist(), rule, in, reply_len), "request refused by the guard: " << rule.name);
        CHECK_MESSAGE(seen_.insert(in).second, "request sent twice: " << rule.name);
        const std::uint16_t opcode = static_cast<std::uint16_t>(in[0] << 8 | in[1]);
        const std::uint16_t id = opcode == 0x101 ? 0x101 : static_cast<std::uint16_t>(in[10] << 8 | in[11]);
        ++calls[id];
        if (fail_delivery.contains(id)) {
            return fail(Errc::io, name_ + " " + std::string(rule.name), "ioctl failed", 5);
        }
        if (auto r = refuse.find(id); r != refuse.end()) {
            return refusal(r->second);
        }
        const Bytes image(in.begin() + std::min<std::size_t>(16, in.size()), in.end());
        Bytes out(reply_len, 0);
        return answer(id, image, out);
    }

private:
    static FirmwareReply refusal(std::uint8_t status) { return {status, 0x00c0ffee, Bytes(16, 0)}; }

    const FakeItem* item(std::uint32_t type) const
    {
        for (const FakeItem& i : items) {
            if (i.type == type) {
                return &i;
            }
        }
        return nullptr;
    }

    FirmwareReply answer(std::uint16_t id, const Bytes& img, Bytes& out)
    {
        switch (id) {
        case 0x101:
            return {0, 0, out};
        case 0x9020:  // MGIR: extended version only
            be32_to(out, 0x10 + 0x44, fw_version >> 24);
            be32_to(out, 0x10 + 0x48, (fw_version >> 16) & 0xff);
            be32_to(out, 0x10 + 0x4c, fw_version & 0xffff);
            return {0, 0, out};
        case 0x9060:  // MCQS: component 0 is the boot image, and the last one
            be32_to(out, 0x10, 1u << 31);
            be32_to(out, 0x14, 0x1);
            be32_to(out, 0x18, update_state);
            return {0, 0, out};
        case 0x9061:  // MCQI VERSION
            be32_to(out, 0x18, 0x1);
            be32_to(out, 0x24, 124);
            be32_to(out, 0x2c, (be32_at(img, 0) >> 31) != 0 ? fw_version + 2 : fw_version);
            return {0, 0, out};
        case 0x9034:
            be32_to(out, 0x10, (read_default ? 1u : 0u) | (read_current ? 2u : 0u));
            return {0, 0, out};
        case 0x9030: {
            const FakeItem* i = item(be32_at(img, 0));
            log.push_back("MNVQC " + std::to_string(be32_at(img, 0)));
            if (i == nullptr) {
                return refusal(0x3);
            }
            be32_to(out, 0x14, i->readable ? 1u : 0u);
            return {0, 0, out};
        }
        case 0x9024: {
            const std::uint32_t type = be32_at(img, 4);
            const std::uint8_t mode = static_cast<std::uint8_t>((be32_at(img, 0) >> 22) & 3);
            log.push_back("MNVDA " + std::to_string(type) + " mode " + std::to_string(mode));
            if (auto r = refuse_mnvda.find(mode); r != refuse_mnvda.end()) {
                return refusal(r->second);
            }
            const FakeItem* i = item(type);
            if (i == nullptr || refuse_items.contains(type) || (mode == 1 && !read_current) ||
                (mode == 2 && !read_default)) {
                return refusal(0x3);
            }
            const Bytes& data = mode == 0 ? i->next : mode == 1 ? i->current : i->factory;
            be32_to(out, 0x10, std::uint32_t{mode} << 22 | static_cast<std::uint32_t>(data.size()));
            be32_to(out, 0x14, type);
            std::copy(data.begin(), data.end(), out.begin() + 0x1c);
            return {0, 0, out};
        }
        case 0x9035: {  // MNVGN: pointer i+1 names stored item i
            std::vector<const FakeItem*> stored;
            for (const FakeItem& i : items) {
                if (i.stored) {
                    stored.push_back(&i);
                }
            }
            const std::uint32_t pointer = be32_at(img, 0);
            if (pointer < stored.size()) {
                const FakeItem& i = *stored[pointer];
                be32_to(out, 0x10, pointer + 1);
                be32_to(out, 0x20, 0x9u << 16 | static_cast<std::uint32_t>(i.next.size()));
                be32_to(out, 0x24, i.type);
                std::copy(i.next.begin(), i.next.end(), out.begin() + 0x2c);
            }
            return {0, 0, out};
        }
        case 0x900a:
            be32_to(out, 0x14, 400);
            return {0, 0, out};
        default:
            return refusal(0x2);
        }
    }

    std::string name_ = "fwctl9";
    std::set<Bytes> seen_;
};

}  // namespace fwctl::plugins::mlx5::test
