// The readers against a scripted firmware: which queries they send (never one twice,
// never more than needed), and what a refusal turns into (an item's status, an
// error entry, a note), per the rules in plugins/mlx5/README.md.
#include <doctest/doctest.h>

#include "plugins/mlx5/mlx5_catalogue.hpp"
#include "plugins/mlx5/mlx5_firmware.hpp"
#include "plugins/mlx5/mlx5_health.hpp"
#include "plugins/mlx5/mlx5_nv_reader.hpp"
#include "plugins/mlx5/tests/mlx5_fake_firmware.hpp"

using namespace fwctl;
using namespace fwctl::plugins::mlx5;
using namespace fwctl::plugins::mlx5::test;

namespace {

constexpr std::uint16_t MNVDA = 0x9024, MNVQC = 0x9030, MNVGC = 0x9034, MNVGN = 0x9035, MCQI = 0x9061,
                        MCQS = 0x9060;

FakeItem global_pci_conf(bool stored)
{
    FakeItem i;
    i.type = 0x80;
    i.factory = {0x9f, 0, 0, 0, 0, 0x01, 0, 0, 0x02, 0xc3, 0xf0, 0x45};
    i.current = {0x80, 0, 0, 0, 0x80, 0, 0, 0x08, 0, 0, 0, 0};
    i.next = stored ? Bytes{0x80, 0, 0, 0, 0x80, 0, 0, 0x10, 0, 0, 0, 0} : i.factory;
    i.stored = stored;
    return i;
}

FakeItem simple(std::uint32_t type, Bytes data, bool stored = false)
{
    return {type, data, data, data, stored, true};
}

PluginSections config_of(FakeFirmware& fw)
{
    Findings f(fw);
    read_config(f);
    return f.finish({});
}

const Tree* entry(const PluginSections& s, std::string_view name)
{
    for (const Tree& e : s.config) {
        if (e["name"].is_string() && e["name"] == name) {
            return &e;
        }
    }
    return nullptr;
}

std::size_t known_items() { return catalogue().size(); }

}  // namespace

TEST_CASE("mlx5 config: stored items need no MNVQC and no second next-boot read")
{
    FakeFirmware fw;
    fw.items = {global_pci_conf(true), simple(0x10a, {0, 0, 1, 0, 0x07, 0x07, 0xa8, 0x66})};
    const PluginSections s = config_of(fw);
    CHECK(fw.calls[MNVGC] == 1);
    CHECK(fw.calls[MNVGN] == 2);                    // one item, then pointer 0
    CHECK(fw.calls[MNVQC] == int(known_items()) - 1);  // every item but the stored one
    CHECK(fw.calls[MNVDA] == 2 + 3);                // stored: current, default; other: all three
    CHECK(s.errors.empty());

    const Tree* vfs = entry(s, "NUM_OF_VFS");
    REQUIRE(vfs);
    CHECK((*vfs)["item"] == "nv_global_pci_conf");
    CHECK((*vfs)["id"] == "0x00000080");
    CHECK((*vfs)["category"] == "pci");
    CHECK((*vfs)["default"] == 0);
    CHECK((*vfs)["current"] == 8);
    CHECK((*vfs)["next_boot"] == 16);
    CHECK((*vfs)["differs_from_default"] == true);
    CHECK((*vfs)["pending_change"] == true);
    CHECK((*vfs)["status"] == "ok");
    CHECK((*vfs)["written_by"] == "ICMD_MLXCONFIG");

    const Tree* pfs = entry(s, "NUM_OF_PF");  // num_pfs_valid is 0 in the stored item
    REQUIRE(pfs);
    CHECK((*pfs)["next_boot"] == 1);
    CHECK((*pfs)["follows_default"] == Tree::array({"current", "next_boot"}));

    const Tree* cqe = entry(s, "CQE_COMPRESSION");
    REQUIRE(cqe);
    CHECK((*cqe)["default"] == "BALANCED");
    CHECK((*cqe)["category"] == "performance");
    CHECK(s.config.size() == 11 + 21);
    // The items this firmware does not have are named once, in a note.
    REQUIRE(s.notes.contains("config"));
    CHECK(s.notes.at("config").find("nv_internal_cpu_conf (0x0000000c)") != std::string::npos);
}

TEST_CASE("mlx5 config: values MNVGC says the firmware cannot report are not asked for")
{
    FakeFirmware fw;
    fw.read_default = false;
    fw.items = {global_pci_conf(false)};
    const PluginSections s = config_of(fw);
    CHECK(fw.calls[MNVDA] == 2);  // next-boot and current only
    const Tree* sriov = entry(s, "SRIOV_EN");
    REQUIRE(sriov);
    CHECK((*sriov)["default"].is_null());
    CHECK((*sriov)["differs_from_default"].is_null());
    CHECK((*sriov)["unavailable"]["default"].get<std::string>().find("nvda_read_factory_settings") !=
          std::string::npos);
    CHECK(s.errors.empty());
}

TEST_CASE("mlx5 config: a firmware that refuses MNVGC gets no other NV query")
{
    FakeFirmware fw;
    fw.refuse[MNVGC] = 0x3;
    fw.items = {global_pci_conf(true)};
    const PluginSections s = config_of(fw);
    CHECK(fw.calls.size() == 1);
    CHECK(s.config.empty());
    REQUIRE(s.errors.size() == 1);
    CHECK(s.errors[0].what == "fwctl9 ACCESS_REG(MNVGC) read");
    CHECK(s.errors[0].message.find("BAD_PARAM (0x03)") != std::string::npos);
    CHECK(s.notes.at("config").find("refused MNVGC") != std::string::npos);
    CHECK(s.health["firmware_refusals"].size() == 1);
}

TEST_CASE("mlx5 config: without MNVGC (BAD_OP) only next-boot values are read")
{
    FakeFirmware fw;
    fw.refuse[MNVGC] = 0x2;
    fw.items = {global_pci_conf(false)};
    const PluginSections s = config_of(fw);
    CHECK(fw.calls[MNVDA] == 1);
    const Tree* vfs = entry(s, "NUM_OF_VFS");
    REQUIRE(vfs);
    CHECK((*vfs)["next_boot"] == 0);
    CHECK((*vfs)["current"].is_null());
    CHECK((*vfs)["pending_change"].is_null());
    CHECK(s.errors.size() == 1);
}

TEST_CASE("mlx5 config: MNVDA BAD_OP stops the register after one request")
{
    FakeFirmware fw;
    fw.refuse[MNVDA] = 0x2;
    fw.items = {global_pci_conf(false), simple(0x10a, Bytes(8, 0))};
    const PluginSections s = config_of(fw);
    CHECK(fw.calls[MNVDA] == 1);
    CHECK(fw.calls[MNVQC] == 1);  // no capability checks for items that cannot be read
    CHECK(s.config.empty());
    CHECK(s.errors.size() == 1);
    CHECK(s.notes.at("config").find("could not be read") != std::string::npos);
}

TEST_CASE("mlx5 config: BAD_PARAM for one item is that item's status, not a run error")
{
    FakeFirmware fw;
    fw.items = {global_pci_conf(false), simple(0x10a, Bytes(8, 0))};
    fw.refuse_items = {0x10a};
    const PluginSections s = config_of(fw);
    CHECK(s.errors.empty());
    const Tree* cqe = entry(s, "CQE_COMPRESSION");
    REQUIRE(cqe);
    CHECK((*cqe)["status"] == "bad_parameter");
    CHECK((*cqe)["next_boot"].is_null());
    CHECK((*cqe)["firmware_status"] == "BAD_PARAM (0x03), syndrome 0x00c0ffee");
    CHECK(entry(s, "SRIOV_EN") != nullptr);
    CHECK(fw.calls[MNVDA] == 3 + 1);  // the refused item is asked once
}

TEST_CASE("mlx5 config: an item the firmware may not read is not_supported, and not asked for")
{
    FakeFirmware fw;
    FakeItem hca = simple(0x03000112, Bytes(4, 0));
    hca.readable = false;
    fw.items = {hca};
    const PluginSections s = config_of(fw);
    CHECK(fw.calls[MNVDA] == 0);
    const Tree* roce = entry(s, "ROCE_CONTROL");
    REQUIRE(roce);
    CHECK((*roce)["status"] == "not_supported");
    CHECK((*roce)["unavailable"].size() == 3);
}

TEST_CASE("mlx5 config: stored items the catalogue does not know are reported raw")
{
    FakeFirmware fw;
    fw.items = {simple(0x00000006, {0, 0, 0, 0}, true)};
    fw.items[0].next = {0, 0, 0, 3};
    fw.items[0].current = {0, 0, 0, 3};
    const PluginSections s = config_of(fw);
    REQUIRE(s.config.size() == 1);
    const Tree& raw = s.config[0];
    CHECK(raw["name"].is_null());
    CHECK(raw["item"].is_null());
    CHECK(raw["id"] == "0x00000006");
    CHECK(raw["default"] == "00000000");
    CHECK(raw["next_boot"] == "00000003");
    CHECK(raw["differs_from_default"] == true);
    CHECK(raw["pending_change"] == false);
    CHECK(fw.calls[MNVDA] == 2);
}

TEST_CASE("mlx5 config: without MNVQC, a BAD_PARAM next-boot read means the item is absent")
{
    FakeFirmware fw;
    fw.refuse[MNVQC] = 0x2;
    fw.items = {global_pci_conf(false)};
    const PluginSections s = config_of(fw);
    CHECK(fw.calls[MNVQC] == 1);
    CHECK(entry(s, "SRIOV_EN") != nullptr);
    CHECK(s.config.size() == 11);
    CHECK(s.notes.at("config").find("not present") != std::string::npos);
    CHECK(s.errors.size() == 1);  // the MNVQC refusal
}

TEST_CASE("mlx5 config: a failed delivery stops the NV reads with one error")
{
    FakeFirmware fw;
    fw.fail_delivery = {MNVDA};
    fw.items = {global_pci_conf(false), simple(0x10a, Bytes(8, 0))};
    const PluginSections s = config_of(fw);
    CHECK(fw.calls[MNVDA] == 1);
    CHECK(s.config.empty());
    REQUIRE(s.errors.size() == 1);
    CHECK(s.errors[0].sys_errno == 5);
}

TEST_CASE("mlx5 firmware: a staged update gives the stored version and pending_activation true")
{
    FakeFirmware fw;
    fw.update_state = 4;  // ACTIVE_PENDING_RESET
    Findings f(fw);
    const auto mgir = read_firmware(f);
    const PluginSections s = f.finish({});
    CHECK(mgir);
    CHECK(fw.calls[MCQS] == 1);
    CHECK(fw.calls[MCQI] == 2);
    CHECK(s.firmware["running"] == "28.39.1002");
    CHECK(s.firmware["stored"] == "28.39.1004");
    CHECK(s.firmware["pending_activation"] == true);
    CHECK(s.firmware["update_state"] == "active_pending_reset");
}

TEST_CASE("mlx5 firmware: nothing staged is pending_activation false, with no second MCQI")
{
    FakeFirmware fw;
    Findings f(fw);
    read_firmware(f);
    const PluginSections s = f.finish({});
    CHECK(fw.calls[MCQI] == 1);
    CHECK(s.firmware["stored"].is_null());
    CHECK(s.firmware["pending_activation"] == false);
}

TEST_CASE("mlx5 firmware: when MCQS is refused the running version comes from MGIR and pending is unknown")
{
    FakeFirmware fw;
    fw.refuse[MCQS] = 0x3;
    Findings f(fw);
    read_firmware(f);
    const PluginSections s = f.finish({});
    CHECK(fw.calls[MCQI] == 0);
    CHECK(s.firmware["running"] == "28.39.1002");
    CHECK(s.firmware["pending_activation"].is_null());
    CHECK(s.notes.at("firmware").find("MCQS was refused") != std::string::npos);
    CHECK(s.errors.size() == 1);
}

TEST_CASE("mlx5 health: temperature, and a refused MTMP as a note and a refusal record")
{
    FakeFirmware ok;
    Findings f(ok);
    read_health(f, MgirInfo{});
    PluginSections s = f.finish({});
    CHECK(s.health["temperature_c"] == 50.0);
    CHECK(s.health["uptime_s"] == 0);

    FakeFirmware refusing;
    refusing.refuse[0x900a] = 0x3;
    Findings g(refusing);
    read_health(g, std::nullopt);
    s = g.finish({});
    CHECK_FALSE(s.health.contains("temperature_c"));
    CHECK(s.health["firmware_refusals"][0]["query"] == "ACCESS_REG(MTMP) read");
    CHECK(s.health["firmware_refusals"][0]["status"] == "BAD_PARAM");
    CHECK(s.notes.at("health").find("MTMP was refused") != std::string::npos);
}
