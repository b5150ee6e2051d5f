// The emulated firmware's register answers (ACCESS_REG reads), in big-endian PRM
// layout, built byte by byte from the lab state. Included only by mlx5_sim_module.cpp.
// Layouts: /work/shared/mlx5-layouts.md §4-8, MNVGN from mstflint tools_open_mnvgn,
// MTMP from the kernel's mlx5_ifc_mtmp_reg_bits. Offsets below are relative to the
// register image (mailbox byte 0x10).
#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <string>

#include "plugins/mlx5/tests/mlx5_sim_state.hpp"
#include "tests/sim/sim_bytes.hpp"

namespace fwctl::sim::mlx5_sim {

constexpr uint8_t kStatusBadOp = 0x2, kStatusBadParam = 0x3, kStatusBadInputLen = 0x50,
                  kStatusBadOutputLen = 0x51;
// Syndromes are the firmware's private codes; these are the emulator's own, fixed
// so that reports can be compared.
constexpr uint32_t kSyndromeNoToolsResources = 0x3b6f2104;  // UID lacks TOOLS_RESOURCES
constexpr uint32_t kSyndromeRefused = 0x5a1c0733;           // lab `refuse:`
constexpr uint32_t kSyndromeBadIndex = 0x1d4e9a02;          // unknown item/component/sensor
constexpr uint32_t kSyndromeNotEmulated = 0x1;              // register not emulated

struct RegAnswer {
    uint8_t status = 0;
    uint32_t syndrome = 0;
    Bytes image;  // the register image on success
};

inline RegAnswer refuse(uint8_t status, uint32_t syndrome) { return {status, syndrome, {}}; }

inline uint32_t get_be32(std::span<const uint8_t> b, size_t off) {
    return uint32_t{get_be16(b, off)} << 16 | get_be16(b, off + 2);
}

inline uint32_t bcd(unsigned value, int digits) {
    uint32_t out = 0;
    for (int i = 0; i < digits; ++i, value /= 10)
        out |= (value % 10) << (4 * i);
    return out;
}

// MGIR, 160 bytes (§4).
inline RegAnswer mgir(const Mlx5State& s) {
    if (!s.fw_running)
        return refuse(kStatusBadOp, kSyndromeNotEmulated);
    const uint32_t v = *s.fw_running;
    Bytes img(0xa0, 0);
    put_be32(img, 0x00, s.device_id);  // device_hw_revision 0
    put_be32(img, 0x1c, s.uptime_s);
    // fw_info: signed_fw bit 25, secured bit 24, 8-bit major/minor/sub_minor (sub_minor truncated)
    put_be32(img, 0x20, (s.signed_fw ? 1u << 25 : 0u) | (s.secured ? 1u << 24 : 0u) | ((v >> 24) & 0xff) << 16 |
                            ((v >> 16) & 0xff) << 8 | (v & 0xff));
    put_be32(img, 0x24, 0x0000a5a5);  // build_id
    put_be32(img, 0x28, bcd(s.build_month, 2) << 24 | bcd(s.build_day, 2) << 16 | bcd(s.build_year, 4));
    put_be32(img, 0x2c, bcd(s.build_hour * 100u + s.build_minute, 4));
    put_ascii(img, 0x30, s.psid, 16);
    put_be32(img, 0x40, s.ini_version);
    put_be32(img, 0x44, (v >> 24) & 0xff);  // extended_major/minor/sub_minor: the full version
    put_be32(img, 0x48, (v >> 16) & 0xff);
    put_be32(img, 0x4c, v & 0xffff);
    return {0, 0, img};
}

// MCQS, 16 bytes (§5.1): component 0 is the boot image, component 1 (the last) the
// MLNX NV configuration.
inline RegAnswer mcqs(const Mlx5State& s, std::span<const uint8_t> req) {
    if (!s.fw_running)
        return refuse(kStatusBadOp, kSyndromeNotEmulated);
    const uint16_t index = get_be16(req, 2);
    if (index > 1)
        return refuse(kStatusBadParam, kSyndromeBadIndex);
    Bytes img(16, 0);
    put_be32(img, 0x00, (index == 1 ? 1u << 31 : 0u) | index);
    put_be32(img, 0x04, index == 0 ? 0x1 : 0x5);  // BOOT_IMG, MLNX_NVCONFIG
    put_be32(img, 0x08, index == 0 ? s.fw_update_state : 0u);
    return {0, 0, img};
}

// MCQI, 0x18-byte header + VERSION data (§5.2).
inline RegAnswer mcqi(const Mlx5State& s, std::span<const uint8_t> req) {
    if (!s.fw_running)
        return refuse(kStatusBadOp, kSyndromeNotEmulated);
    const uint32_t d0 = get_be32(req, 0x00);
    const bool pending = (d0 >> 31) != 0;
    const uint16_t component = d0 & 0xffff;
    const uint32_t info_type = get_be32(req, 0x08) & 0x1f;
    const uint32_t data_size = std::min<uint32_t>(get_be32(req, 0x14) & 0xffff, 124);
    if (component != 0 || info_type != 0x1 || (pending && !s.fw_stored))
        return refuse(kStatusBadParam, kSyndromeBadIndex);
    const uint32_t version = pending ? *s.fw_stored : *s.fw_running;
    Bytes data(124, 0);
    const std::string text = "rel-" + std::to_string(version >> 24) + "_" + std::to_string((version >> 16) & 0xff) +
                             "_" + std::to_string(version & 0xffff);
    put_be32(data, 0x00, static_cast<uint32_t>(text.size()));  // version_string_length
    put_be32(data, 0x04, version);
    put_ascii(data, 0x20, text, 92);
    Bytes img(0x18, 0);
    put_be32(img, 0x00, d0);
    put_be32(img, 0x08, info_type);
    put_be32(img, 0x0c, 124);  // info_size
    put_be32(img, 0x14, data_size);
    img.insert(img.end(), data.begin(), data.begin() + data_size);
    return {0, 0, img};
}

// MNVGC, 16 bytes (§8): read_factory bit 0, read_current bit 1.
inline RegAnswer mnvgc(const Mlx5State& s) {
    Bytes img(16, 0);
    put_be32(img, 0, (s.read_default ? 1u : 0u) | (s.read_current ? 2u : 0u));
    return {0, 0, img};
}

// MNVQC, 8 bytes (§7).
inline RegAnswer mnvqc(const Mlx5State& s, std::span<const uint8_t> req) {
    const uint32_t type = get_be32(req, 0);
    const NvItemState* item = find_nv_item(s, type);
    if (!item)
        return refuse(kStatusBadParam, kSyndromeBadIndex);  // the firmware does not know this type
    Bytes img(8, 0);
    put_be32(img, 0, type);
    put_be32(img, 4, (item->readable ? 1u : 0u) | 2u /* support_wr */ | uint32_t{item->version} << 4);
    return {0, 0, img};
}

// Header dword 0 of a configuration item (§6.2).
inline uint32_t nv_header(uint8_t mode, uint8_t writer, uint8_t version, size_t length) {
    return uint32_t{mode} << 22 | uint32_t{writer} << 16 | uint32_t{version} << 12 | static_cast<uint32_t>(length);
}

// MNVDA, 12-byte header + data (§6).
inline RegAnswer mnvda(const Mlx5State& s, std::span<const uint8_t> req) {
    const uint32_t d0 = get_be32(req, 0);
    const uint8_t mode = (d0 >> 22) & 0x3;
    const uint32_t length = d0 & 0x1ff;
    const NvItemState* item = find_nv_item(s, get_be32(req, 4));
    if (!item || !item->readable || mode == 3 || (mode == 1 && !s.read_current) ||
        (mode == 2 && !s.read_default) || length < item->factory.size())
        return refuse(kStatusBadParam, kSyndromeBadIndex);
    const Bytes& data = mode == 0 ? item->next : mode == 1 ? item->current : item->factory;
    const uint8_t writer = mode == 0 && item->stored ? item->writer_id : 0;
    Bytes img(12, 0);
    put_be32(img, 0, nv_header(mode, writer, item->version, data.size()));
    put_be32(img, 4, item->type);
    img.insert(img.end(), data.begin(), data.end());
    return {0, 0, img};
}

// MNVGN, 156 bytes: nv_pointer @0x00, item header @0x10, nv_data[128] @0x1c. The
// pointers look like flash offsets; pointer 0 starts the walk, and the reply for the
// last item's pointer is pointer 0.
inline uint32_t nv_pointer_of(size_t stored_index) { return 0x00010000u + 0x40u * static_cast<uint32_t>(stored_index); }

inline RegAnswer mnvgn(const Mlx5State& s, std::span<const uint8_t> req) {
    std::vector<const NvItemState*> stored;
    for (const NvItemState& item : s.nv_items)
        if (item.stored)
            stored.push_back(&item);
    const uint32_t pointer = get_be32(req, 0);
    size_t next = 0;
    if (pointer != 0) {
        next = stored.size() + 1;
        for (size_t i = 0; i < stored.size(); ++i)
            if (nv_pointer_of(i) == pointer)
                next = i + 1;
        if (next > stored.size())
            return refuse(kStatusBadParam, kSyndromeBadIndex);
    }
    Bytes img(0x9c, 0);
    if (next == stored.size())
        return {0, 0, img};  // pointer 0: no more items
    const NvItemState& item = *stored[next];
    put_be32(img, 0x00, nv_pointer_of(next));
    put_be32(img, 0x10, nv_header(0, item.writer_id, item.version, item.next.size()));
    put_be32(img, 0x14, item.type);
    std::copy(item.next.begin(), item.next.end(), img.begin() + 0x1c);
    return {0, 0, img};
}

// MTMP, 32 bytes (kernel mlx5_ifc_mtmp_reg_bits): temperatures in 0.125 degree units.
inline uint16_t eighths(double celsius) {
    return static_cast<uint16_t>(static_cast<int16_t>(std::lround(celsius * 8)));
}

inline RegAnswer mtmp(const Mlx5State& s, std::span<const uint8_t> req) {
    if (!s.temperature_c)
        return refuse(kStatusBadOp, kSyndromeNotEmulated);
    if ((get_be32(req, 0) & 0xfff) != 0)
        return refuse(kStatusBadParam, kSyndromeBadIndex);  // only the ASIC sensor
    Bytes img(0x20, 0);
    put_be32(img, 0x04, eighths(*s.temperature_c));
    if (s.max_temperature_c)
        put_be32(img, 0x08, 1u << 31 | eighths(*s.max_temperature_c));  // mte: maximum tracked
    if (s.threshold_c)
        put_be32(img, 0x0c, eighths(*s.threshold_c));
    put_ascii(img, 0x18, s.temperature_sensor, 8);
    return {0, 0, img};
}

// The register image length a request must carry (input) and leave room for (output).
inline size_t register_len(uint16_t id, std::span<const uint8_t> req) {
    switch (id) {
    case kRegMtmp: return 0x20;
    case kRegMgir: return 0xa0;
    case kRegMnvda: return 12 + (get_be32(req, 0) & 0x1ff);
    case kRegMnvqc: return 8;
    case kRegMnvgc: return 16;
    case kRegMnvgn: return 0x9c;
    case kRegMcqs: return 16;
    case kRegMcqi: return 0x18 + (get_be32(req, 0x14) & 0xffff);
    default: return 0;
    }
}

// The firmware's answer to an ACCESS_REG read of `id` with register image `req`.
inline RegAnswer read_register(const Mlx5State& s, uint16_t id, std::span<const uint8_t> req) {
    switch (id) {
    case kRegMgir: return mgir(s);
    case kRegMcqs: return mcqs(s, req);
    case kRegMcqi: return mcqi(s, req);
    case kRegMnvgc: return mnvgc(s);
    case kRegMnvqc: return mnvqc(s, req);
    case kRegMnvda: return mnvda(s, req);
    case kRegMnvgn: return mnvgn(s, req);
    case kRegMtmp: return mtmp(s, req);
    default: return refuse(kStatusBadOp, kSyndromeNotEmulated);
    }
}

}  // namespace fwctl::sim::mlx5_sim
