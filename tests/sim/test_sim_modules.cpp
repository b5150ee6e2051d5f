// Unit tests of the vendor modules (plugins/<vendor>/tests/<vendor>_sim_module.cpp):
// each driver's length and scope checks and the wire layout of each reply.
#include <doctest/doctest.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "tests/sim/sim_test_util.hpp"

using namespace fwctl::sim;
using namespace fwctl::sim::test;

namespace {

uint32_t host32(const Bytes& b, size_t off) {
    uint32_t v;
    std::memcpy(&v, b.data() + off, sizeof(v));
    return v;
}

// A bnxt HWRM request: struct input (req_type, cmpl_ring, seq_id, target_id, resp_addr).
Bytes hwrm(uint16_t req_type, uint16_t seq_id = 7, size_t len = 24) {
    Bytes b(len, 0);
    put_le16(b, 0, req_type);
    put_le16(b, 2, 0xffff);
    put_le16(b, 4, seq_id);
    put_le16(b, 6, 0xffff);
    return b;
}

// struct fwctl_rpc_cxl: host-order header, then the payload.
Bytes cxl_req(uint32_t opcode, uint32_t op_size, const Bytes& payload = {}) {
    Bytes b(std::max<size_t>(16 + payload.size(), 48), 0);
    std::memcpy(b.data(), &opcode, 4);
    std::memcpy(b.data() + 8, &op_size, 4);
    std::copy(payload.begin(), payload.end(), b.begin() + 16);
    return b;
}

Bytes get_sup_feats(uint32_t count, uint16_t start) {
    Bytes p(8, 0);
    put_le32(p, 0, count);
    put_le16(p, 4, start);
    return cxl_req(0x500, 8, p);
}

const std::string kBnxtState =
    "    state: {fw_version: \"230.0.156.0\", active_pkg_name: \"230.1.116.0\", chip_num: 0x1750, chip_rev: 1}\n";

const std::string kCxlState = R"(    state:
      features:
        - {uuid: "96dad7d6-fde8-482b-a733-75774e06db8a", id: 0, get_size: 4, set_size: 2, flags: 0x61, effects: 0x0202}
        - {uuid: "d1b5f3a2-7c4e-4f1a-9b6d-2e8c0a4f7b13", id: 2, get_size: 8, set_size: 8, flags: 0x79, effects: 0x0201, get_ver: 2, set_ver: 3}
        - {uuid: "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d", id: 3, get_size: 2, set_size: 2, flags: 0x01, effects: 0x0202}
)";

}  // namespace

TEST_CASE("mlx5: mailboxes shorter than 16 bytes are EMSGSIZE") {
    const DeviceState dev = device_of("mlx5");
    CHECK(call(dev, 1, mlx5_mbox(0x101, 0, 15), 272).err == EMSGSIZE);
    CHECK(call(dev, 1, mlx5_mbox(0x101), 15).err == EMSGSIZE);
}

TEST_CASE("mlx5: the allowlist depends on scope and, for ACCESS_REG, on op_mod") {
    const DeviceState dev = device_of("mlx5");
    for (uint16_t reg_op : {uint16_t{0x805}, uint16_t{0xb0c}}) {
        CAPTURE(reg_op);
        CHECK(call(dev, 0, mlx5_mbox(reg_op, 0), 16).err == 0);        // WRITE passes at scope 0
        CHECK(call(dev, 0, mlx5_mbox(reg_op, 1), 16).err == EBADMSG);  // READ needs scope 1
        CHECK(call(dev, 1, mlx5_mbox(reg_op, 1), 16).err == 0);
    }
    CHECK(call(dev, 0, mlx5_mbox(0x100), 16).err == 0);  // QUERY_HCA_CAP: any scope
    CHECK(call(dev, 0, mlx5_mbox(0x101), 16).err == 0);  // QUERY_ADAPTER: any scope
    CHECK(call(dev, 0, mlx5_mbox(0x10c), 16).err == EBADMSG);  // QUERY_DRIVER_VERSION
    CHECK(call(dev, 1, mlx5_mbox(0x10c), 16).err == 0);
    CHECK(call(dev, 1, mlx5_mbox(0x820), 16).err == EBADMSG);  // SET_DIAGNOSTIC_PARAMS
    CHECK(call(dev, 2, mlx5_mbox(0x820), 16).err == 0);
    CHECK(call(dev, 3, mlx5_mbox(0x0fff), 16).err == EBADMSG);  // unknown opcode
    CHECK(call(dev, 3, mlx5_mbox(0x200), 16).err == EBADMSG);   // CREATE_MKEY: never
}

TEST_CASE("mlx5: QUERY_ADAPTER reply layout") {
    const DeviceState dev = device_of("mlx5", "    state: {psid: MT_0000000838}\n");
    const RpcOutcome o = call(dev, 1, mlx5_mbox(0x101), 272);
    REQUIRE(o.err == 0);
    const Bytes& r = o.reply;
    REQUIRE(r.size() == 272);
    CHECK(r[0] == 0);                 // status
    CHECK(get_be16(r, 4) == 0);       // syndrome
    CHECK(r[0x28] == 0);
    CHECK(r[0x29] == 0x00);           // ieee_vendor_id 0x0002c9, 24-bit big-endian
    CHECK(r[0x2a] == 0x02);
    CHECK(r[0x2b] == 0xc9);
    CHECK(get_be16(r, 0x2e) == 0x15b3);  // vsd_vendor_id
    CHECK(std::string(r.begin() + 0x100, r.begin() + 0x10d) == "MT_0000000838");
    CHECK(r[0x10d] == 0);             // NUL padding to 16 bytes
    CHECK(r[0x10f] == 0);
}

TEST_CASE("mlx5: the reply is exactly the caller's out_len, as mlx5_cmd_do fills it") {
    const DeviceState dev = device_of("mlx5", "    state: {psid: MT_0000000838}\n");
    RpcOutcome o = call(dev, 1, mlx5_mbox(0x101), 4096);
    CHECK(o.reply.size() == 4096);
    CHECK(o.reply[0x100] == 'M');
    CHECK(o.reply[4095] == 0);
    o = call(dev, 1, mlx5_mbox(0x101), 16);
    CHECK(o.reply.size() == 16);
}

TEST_CASE("mlx5: other allowed commands fail in-band with BAD_OP, syndrome 1") {
    const RpcOutcome o = call(device_of("mlx5"), 1, mlx5_mbox(0x805, 1, 32), 32);
    REQUIRE(o.err == 0);
    CHECK(o.reply.size() == 32);
    CHECK(o.reply[0] == 0x02);
    CHECK(get_be16(o.reply, 4) == 0);
    CHECK(get_be16(o.reply, 6) == 1);
    CHECK(o.op == "ACCESS_REG:read:0x0000");
}

TEST_CASE("mlx5: the driver forces the uid, INFO reports uid and uctx_caps") {
    const DeviceState dev = device_of("mlx5", "    state: {uid: 0x1234, uctx_caps: 0x5}\n");
    Bytes in = mlx5_mbox(0x101);
    put_be16(in, 2, 0xffff);
    CHECK(get_be16(call(dev, 1, in, 272).request, 2) == 0x1234);
    const auto info = dev.module->info(dev);
    REQUIRE(info);
    REQUIRE(info->size() == 8);
    CHECK(host32(*info, 0) == 0x1234);
    CHECK(host32(*info, 4) == 0x5);
    const DeviceState defaults = device_of("mlx5");
    CHECK(host32(*defaults.module->info(defaults), 0) == 1);
    CHECK(host32(*defaults.module->info(defaults), 4) == 0x4);
}

TEST_CASE("bnxt: HWRM length checks are EINVAL") {
    const DeviceState dev = device_of("bnxt");
    CHECK(call(dev, 1, hwrm(0, 1, 15), 176).err == EINVAL);
    CHECK(call(dev, 1, hwrm(0, 1, 129), 176).err == EINVAL);
    CHECK(call(dev, 1, hwrm(0, 1, 128), 176).err == 0);
    CHECK(call(dev, 1, hwrm(0), 7).err == EINVAL);
}

TEST_CASE("bnxt: commands not allowed at the scope are EPERM") {
    const DeviceState dev = device_of("bnxt");
    CHECK(call(dev, 0, hwrm(0x0000), 176).err == EPERM);   // VER_GET needs scope 1
    CHECK(call(dev, 1, hwrm(0x0000), 176).err == 0);
    CHECK(call(dev, 0, hwrm(0x00c0), 176).err == 0);       // FW_RESET passes at scope 0!
    CHECK(call(dev, 0, hwrm(0xffee), 176).err == 0);       // NVM_FACTORY_DEFAULTS too
    CHECK(call(dev, 3, hwrm(0xfff1), 176).err == EPERM);   // NVM_GET_VARIABLE: never
    CHECK(call(dev, 3, hwrm(0x1234), 176).err == EPERM);
    CHECK(call(dev, 0, hwrm(0x00c0), 176).op == "FW_RESET");
}

TEST_CASE("bnxt: VER_GET reply layout (hwrm_ver_get_output)") {
    const RpcOutcome o = call(device_of("bnxt", kBnxtState), 1, hwrm(0x0000, 0x42), 176);
    REQUIRE(o.err == 0);
    const Bytes& r = o.reply;
    REQUIRE(r.size() == 176);
    CHECK(get_le16(r, 0) == 0);       // error_code
    CHECK(get_le16(r, 2) == 0);       // req_type echoed
    CHECK(get_le16(r, 4) == 0x42);    // seq_id echoed
    CHECK(get_le16(r, 6) == 176);     // resp_len
    CHECK(Bytes(r.begin() + 8, r.begin() + 12) == Bytes{1, 10, 3, 0});       // hwrm_intf_*_8b
    CHECK(Bytes(r.begin() + 12, r.begin() + 16) == Bytes{230, 0, 156, 0});   // hwrm_fw_*_8b
    CHECK(Bytes(r.begin() + 16, r.begin() + 20) == Bytes{230, 0, 156, 0});   // mgmt_fw_*_8b
    CHECK(std::string(r.begin() + 80, r.begin() + 91) == "230.1.116.0");    // active_pkg_name
    CHECK(r[91] == 0);
    CHECK(get_le16(r, 112) == 0x1750);  // chip_num
    CHECK(r[114] == 1);                 // chip_rev
    CHECK((r[124] & 0x2) != 0);         // flags: EXT_VER_AVAIL
    CHECK(get_le16(r, 128) == 1);       // hwrm_intf_major
    CHECK(get_le16(r, 130) == 10);
    CHECK(get_le16(r, 132) == 3);
    CHECK(get_le16(r, 136) == 230);     // hwrm_fw_major..patch
    CHECK(get_le16(r, 138) == 0);
    CHECK(get_le16(r, 140) == 156);
    CHECK(get_le16(r, 142) == 0);
    CHECK(get_le16(r, 144) == 230);     // mgmt_fw_major
    CHECK(r[175] == 1);                 // valid
}

TEST_CASE("bnxt: the reply is the caller's whole out_len, zero past firmware data") {
    const DeviceState dev = device_of("bnxt", kBnxtState);
    RpcOutcome o = call(dev, 1, hwrm(0x0000), 704);
    REQUIRE(o.reply.size() == 704);
    CHECK(o.reply[175] == 1);
    CHECK(o.reply[176] == 0);
    o = call(dev, 1, hwrm(0x0000), 8);  // truncated to what the caller allowed
    CHECK(o.reply.size() == 8);
    CHECK(get_le16(o.reply, 6) == 176);
}

TEST_CASE("bnxt: other allowed commands answer HWRM_ERR_CODE_CMD_NOT_SUPPORTED") {
    const RpcOutcome o = call(device_of("bnxt"), 1, hwrm(0x00c1, 9), 16);
    REQUIRE(o.err == 0);
    CHECK(o.reply.size() == 16);
    CHECK(get_le16(o.reply, 0) == 0xffff);
    CHECK(get_le16(o.reply, 2) == 0x00c1);
    CHECK(get_le16(o.reply, 4) == 9);
    CHECK(get_le16(o.reply, 6) == 8);
}

TEST_CASE("bnxt: INFO is uctx_caps 0x7") {
    const DeviceState dev = device_of("bnxt");
    CHECK(*dev.module->info(dev) == Bytes{7, 0, 0, 0});
}

TEST_CASE("cxl: Get Supported Features checks op_size and start_idx") {
    const DeviceState dev = device_of("cxl", kCxlState);
    Bytes bad = get_sup_feats(0, 0);
    put_le32(bad, 8, 9);
    CHECK(call(dev, 0, bad, 64).err == EINVAL);
    CHECK(call(dev, 0, get_sup_feats(48, 3), 64).err == EINVAL);
    CHECK(call(device_of("cxl"), 0, get_sup_feats(0, 0), 64).err == EINVAL);  // no features
}

TEST_CASE("cxl: Get Supported Features with count 0 reports the total") {
    const RpcOutcome o = call(device_of("cxl", kCxlState), 0, get_sup_feats(0, 0), 64);
    REQUIRE(o.err == 0);
    CHECK(o.reply.size() == 24);             // driver out_len = 24 + 48n
    CHECK(host32(o.reply, 0) == 8);          // size = 8 + 48n
    CHECK(host32(o.reply, 4) == 0);          // retval
    CHECK(get_le16(o.reply, 8) == 0);        // num_entries
    CHECK(get_le16(o.reply, 10) == 3);       // supported_feats
}

TEST_CASE("cxl: Get Supported Features returns entries from start_idx, as the kernel edits them") {
    const RpcOutcome o = call(device_of("cxl", kCxlState), 0, get_sup_feats(48 * 5, 1), 4096);
    REQUIRE(o.err == 0);
    REQUIRE(o.reply.size() == 24 + 48 * 2);  // min(5, 3 - 1) entries
    CHECK(host32(o.reply, 0) == 8 + 48 * 2);
    CHECK(get_le16(o.reply, 8) == 2);
    CHECK(get_le16(o.reply, 10) == 3);
    const size_t e = 16;  // entry 0 of the reply = feature 1
    CHECK(to_hex(std::span(o.reply).subspan(e, 16)) == "d1b5f3a27c4e4f1a9b6d2e8c0a4f7b13");
    CHECK(get_le16(o.reply, e + 16) == 2);      // id
    CHECK(get_le16(o.reply, e + 18) == 8);      // get_feat_size
    CHECK(get_le16(o.reply, e + 20) == 8);      // set_feat_size
    CHECK(get_le32(o.reply, e + 22) == 0x79);   // flags
    CHECK(o.reply[e + 26] == 2);                // get_feat_ver
    CHECK(o.reply[e + 27] == 3);                // set_feat_ver
    CHECK(get_le16(o.reply, e + 28) == 0x0201); // effects

    // Patrol scrub is kernel-exclusive: set_feat_size 0 and CHANGEABLE cleared.
    const RpcOutcome first = call(device_of("cxl", kCxlState), 0, get_sup_feats(48, 0), 4096);
    REQUIRE(first.reply.size() == 24 + 48);
    CHECK(to_hex(std::span(first.reply).subspan(16, 16)) == "96dad7d6fde8482ba73375774e06db8a");
    CHECK(get_le16(first.reply, 16 + 20) == 0);
    CHECK(get_le32(first.reply, 16 + 22) == 0x60);
}

TEST_CASE("cxl: Get Feature checks op_size, count and out_len, then fails in-band") {
    const DeviceState dev = device_of("cxl", kCxlState);
    Bytes payload(21, 0);
    put_le16(payload, 18, 4);  // count
    CHECK(call(dev, 0, cxl_req(0x501, 20, payload), 64).err == EINVAL);
    CHECK(call(dev, 0, cxl_req(0x501, 21, payload), 11).err == EINVAL);  // out_len < 8 + count
    const RpcOutcome o = call(dev, 0, cxl_req(0x501, 21, payload), 64);
    REQUIRE(o.err == 0);
    CHECK(o.reply.size() == 16);
    CHECK(host32(o.reply, 0) == 0);
    CHECK(host32(o.reply, 4) == 0x03);  // no such feature: CXL_MBOX_CMD_RC_UNSUPPORTED
    put_le16(payload, 18, 0);
    CHECK(call(dev, 0, cxl_req(0x501, 21, payload), 64).err == EINVAL);
}

namespace {

// struct cxl_mbox_get_feat_in for the vendor feature of kCxlValues.
Bytes get_feat(uint16_t offset, uint16_t count, uint8_t selection,
               const std::string& uuid_hex = "d1b5f3a27c4e4f1a9b6d2e8c0a4f7b13") {
    Bytes p = *from_hex(uuid_hex);
    p.resize(21, 0);
    put_le16(p, 16, offset);
    put_le16(p, 18, count);
    p[20] = selection;
    return cxl_req(0x501, 21, p);
}

const std::string kCxlValues = R"(    state:
      payload_size: 256
      features:
        - {uuid: "d1b5f3a2-7c4e-4f1a-9b6d-2e8c0a4f7b13", get_size: 8, flags: 0x61,
           current: "0102030405060708", default: "1111111111111111", saved: "2222222222222222"}
        - {uuid: "96dad7d6-fde8-482b-a733-75774e06db8a", get_size: 4, flags: 0x00}
        - {uuid: "80ea4521-786f-4127-afb1-ec7459fb0e24", get_size: 20, error_rc: 0x04}
)";

}  // namespace

TEST_CASE("cxl: Get Feature answers each selection from the lab; out_len is 16 + size") {
    const DeviceState dev = device_of("cxl", kCxlValues);
    const struct { uint8_t sel; const char* hex; } cases[] = {
        {0, "0102030405060708"}, {1, "1111111111111111"}, {2, "2222222222222222"}};
    for (const auto& c : cases) {
        CAPTURE(int(c.sel));
        const RpcOutcome o = call(dev, 1, get_feat(0, 8, c.sel), 16 + 8);
        REQUIRE(o.err == 0);
        CHECK(o.reply.size() == 16 + 8);
        CHECK(host32(o.reply, 0) == 8);
        CHECK(host32(o.reply, 4) == 0);
        CHECK(to_hex(std::span(o.reply).subspan(8, 8)) == c.hex);
        CHECK(o.op == std::string("GET_FEATURE:") + (c.sel == 0 ? "current" : c.sel == 1 ? "default" : "saved"));
    }
    const RpcOutcome part = call(dev, 1, get_feat(2, 3, 0), 64);  // offset 2, 3 bytes
    CHECK(to_hex(std::span(part.reply).subspan(8, 3)) == "030405");
    // A feature without values reads as get_size zero bytes.
    const RpcOutcome zeros = call(dev, 1, get_feat(0, 4, 0, "96dad7d6fde8482ba73375774e06db8a"), 64);
    CHECK(host32(zeros.reply, 0) == 4);
    CHECK(to_hex(std::span(zeros.reply).subspan(8, 4)) == "00000000");
}

TEST_CASE("cxl: Get Feature fails in-band as a device would") {
    const DeviceState dev = device_of("cxl", kCxlValues);
    auto rc = [&](const Bytes& in) {
        const RpcOutcome o = call(dev, 1, in, 64);
        REQUIRE(o.err == 0);
        CHECK(o.reply.size() == 16);
        CHECK(host32(o.reply, 0) == 0);
        return host32(o.reply, 4);
    };
    const std::string scrub = "96dad7d6fde8482ba73375774e06db8a";
    CHECK(rc(get_feat(0, 4, 1, scrub)) == 0x1a);  // no DEFAULT_SEL
    CHECK(rc(get_feat(0, 4, 2, scrub)) == 0x1a);  // no SAVED_SEL
    CHECK(rc(get_feat(0, 4, 3)) == 0x02);         // reserved selection
    CHECK(rc(get_feat(8, 1, 0)) == 0x02);         // offset past the value
    CHECK(rc(get_feat(0, 20, 0, "80ea4521786f4127afb1ec7459fb0e24")) == 0x04);  // error_rc
    // The device answers 7 of 8 bytes: cxl_internal_send_cmd fails with -EIO but the
    // return code stays Success, so the kernel reports size 0, retval 0.
    CHECK(rc(get_feat(1, 8, 0)) == 0x00);
}

TEST_CASE("cxl: Get Feature is split into payload-size mailbox commands, as cxl_get_feature does") {
    std::string pattern;  // 300 distinct-ish bytes: a misplaced second chunk would show
    for (int i = 0; i < 300; ++i)
        pattern += to_hex(Bytes{static_cast<uint8_t>(i * 7)});
    const DeviceState dev = device_of("cxl", "    state:\n      payload_size: 256\n      features:\n"
                                             "        - {uuid: \"a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d\", "
                                             "get_size: 300, current: \"" + pattern + "\"}\n");
    const std::string uuid = "a0b1c2d3e4f54a6b8c7d9e0f1a2b3c4d";
    const RpcOutcome whole = call(dev, 1, get_feat(0, 300, 0, uuid), 16 + 300);
    REQUIRE(whole.err == 0);
    CHECK(host32(whole.reply, 0) == 300);
    CHECK(to_hex(std::span(whole.reply).subspan(8, 300)) == pattern);
    // 200 bytes from offset 200: the device has only 100 there, so the RPC fails with size 0.
    const RpcOutcome tail = call(dev, 1, get_feat(200, 200, 0, uuid), 16 + 200);
    CHECK(host32(tail.reply, 0) == 0);
    CHECK(host32(tail.reply, 4) == 0);
    CHECK(lab_error("devices:\n  - {name: fwctl0, type: cxl, parent: null, state: {payload_size: 128}}\n") != "");
    CHECK(lab_error("devices:\n  - {name: fwctl0, type: cxl, parent: null, state: {features: "
                    "[{uuid: \"d1b5f3a2-7c4e-4f1a-9b6d-2e8c0a4f7b13\", current: \"xyz\"}]}}\n") != "");
}

TEST_CASE("cxl: Set Feature needs a write scope matching the feature's effects") {
    const DeviceState dev = device_of("cxl", kCxlState);
    auto set_req = [](const std::string& uuid_hex) {
        Bytes p = *from_hex(uuid_hex);
        p.resize(32 + 2, 0);  // set_feat_in header + 2 data bytes
        return cxl_req(0x502, 34, p);
    };
    const Bytes vendor = set_req("d1b5f3a27c4e4f1a9b6d2e8c0a4f7b13");   // reset-only effects
    const Bytes immediate = set_req("a0b1c2d3e4f54a6b8c7d9e0f1a2b3c4d"); // immediate effects
    const Bytes scrub = set_req("96dad7d6fde8482ba73375774e06db8a");     // kernel-exclusive
    CHECK(call(dev, 0, vendor, 16).err == EINVAL);
    CHECK(call(dev, 1, vendor, 16).err == EINVAL);
    const RpcOutcome ok = call(dev, 2, vendor, 16);
    CHECK(ok.err == 0);
    CHECK(ok.tainted);
    CHECK(host32(ok.reply, 4) == 0);
    CHECK(call(dev, 2, immediate, 16).err == EINVAL);
    CHECK(call(dev, 3, immediate, 16).err == 0);
    CHECK(call(dev, 3, scrub, 16).err == EPERM);
    CHECK(call(dev, 3, set_req("00000000000000000000000000000000"), 16).err == EINVAL);
}

TEST_CASE("cxl: other opcodes and devices without feature support are EINVAL; no info op") {
    const DeviceState dev = device_of("cxl", kCxlState);
    CHECK(call(dev, 0, cxl_req(0x0400, 0), 64).err == EINVAL);
    CHECK(call(dev, 0, Bytes{}, 64).err == EINVAL);
    CHECK(call(device_of("cxl", "    state: {feature_cap: none}\n"), 0, get_sup_feats(0, 0), 64).err == EINVAL);
    CHECK_FALSE(dev.module->info(dev));
    CHECK(call(dev, 0, get_sup_feats(0, 0), 64).op == "GET_SUPPORTED_FEATURES");
}

TEST_CASE("pds and unknown types: RPCs are EOPNOTSUPP; pds INFO has length 0") {
    const DeviceState pds = device_of("pds");
    CHECK(call(pds, 1, Bytes(48, 0), 48).err == EOPNOTSUPP);
    CHECK(pds.module->info(pds) == Bytes{});
    const DeviceState other = device_of("9");
    CHECK(call(other, 1, Bytes(16, 0), 16).err == EOPNOTSUPP);
    CHECK_FALSE(other.module->info(other));
}
