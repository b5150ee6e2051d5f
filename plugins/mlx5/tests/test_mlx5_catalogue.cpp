// The catalogue is data: check that it is consistent (fields inside their items, no
// overlaps, unique names and types) and spot-check positions against the kernel's
// nv_param.c and the mlxconfig DB (mlx5-layouts.md §9). Then the decoding of items
// into config entries, which is pure.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "plugins/mlx5/mlx5_catalogue.hpp"
#include "plugins/mlx5/mlx5_config_entries.hpp"

using namespace fwctl;
using namespace fwctl::plugins::mlx5;
using Bytes = std::vector<std::uint8_t>;

namespace {

const ParamSpec* param(std::uint32_t type, std::string_view name)
{
    const ItemSpec* item = find_item(type);
    if (item == nullptr) {
        return nullptr;
    }
    for (const ParamSpec& p : item->params) {
        if (p.name == name) {
            return &p;
        }
    }
    return nullptr;
}

bool fits(const ItemSpec& item, FieldPos f)
{
    return f.dword % 4 == 0 && f.dword + 4u <= item.length && f.width >= 1 && f.lsb + f.width <= 32;
}

ItemReading reading_of(std::uint32_t type, const Bytes& def, const Bytes& cur, const Bytes& next)
{
    ItemReading r;
    r.type = type;
    r.spec = find_item(type);
    r.slot(AccessMode::factory_default).data = def;
    r.slot(AccessMode::current).data = cur;
    r.slot(AccessMode::next).data = next;
    return r;
}

const Tree& by_name(const Tree& config, std::string_view name)
{
    for (const Tree& e : config) {
        if (e["name"] == name) {
            return e;
        }
    }
    FAIL("no entry " << name);
    return config;
}

}  // namespace

TEST_CASE("mlx5 catalogue: every field lies inside its item, and no two parameters overlap")
{
    std::set<std::uint32_t> types;
    std::set<std::string_view> names;
    for (const ItemSpec& item : catalogue()) {
        CAPTURE(item.item);
        CHECK(types.insert(item.type).second);
        CHECK(item.length % 4 == 0);
        CHECK(item.length <= 256);
        CHECK_FALSE(item.params.empty());
        for (const ParamSpec& p : item.params) {
            CAPTURE(p.name);
            CHECK(names.insert(p.name).second);
            CHECK(fits(item, p.field));
            if (p.valid) {
                CHECK(fits(item, *p.valid));
                CHECK(p.valid->width == 1);
            }
            CHECK((p.kind != ValueKind::boolean || p.field.width == 1));
            CHECK((p.kind != ValueKind::enumeration || !p.values.empty()));
            CHECK_FALSE(p.description.empty());
            CHECK(p.description.back() == '.');
            for (const ParamSpec& q : item.params) {
                if (&q != &p && q.field.dword == p.field.dword) {
                    const bool apart = q.field.lsb >= p.field.lsb + p.field.width ||
                                       p.field.lsb >= q.field.lsb + q.field.width;
                    CHECK_MESSAGE(apart, p.name << " overlaps " << q.name);
                }
            }
        }
    }
}

TEST_CASE("mlx5 catalogue: positions agree with the kernel and the mlxconfig DB")
{
    // Kernel nv_global_pci_conf: sriov_valid MSB 0 of dword 0; sriov_en MSB 0 and
    // total_vfs MSB 16..31 of dword 1; per_pf_total_vf at DB "0x0.14".
    const ParamSpec* sriov = param(0x80, "SRIOV_EN");
    REQUIRE(sriov);
    CHECK(sriov->field.dword == 4);
    CHECK(sriov->field.lsb == 31);
    CHECK(sriov->valid->lsb == 31);
    const ParamSpec* vfs = param(0x80, "NUM_OF_VFS");
    REQUIRE(vfs);
    CHECK((vfs->field.lsb == 0 && vfs->field.width == 16));
    CHECK(param(0x80, "PF_NUM_OF_VF_VALID")->field.lsb == 14);
    // DB cqe_compression "0x0.0" size 3; pf_total_vf at dword 2 (byte 8) 15..0.
    CHECK(param(0x10a, "CQE_COMPRESSION")->field.width == 3);
    CHECK(param(0x03000080, "PF_NUM_OF_VF")->field.dword == 8);
    // LINK_TYPE_P<n>: class 1, index 0x12, port n in bits 23..16; default_link_type at 3..2.
    CHECK(find_item(0x01010012)->params[0].name == "LINK_TYPE_P1");
    CHECK(find_item(0x01020012)->params[0].name == "LINK_TYPE_P2");
    CHECK(param(0x01010012, "LINK_TYPE_P1")->field.lsb == 2);
    CHECK(category_name(sriov->category) == "pci");
}

TEST_CASE("mlx5 config entries: one per parameter, with the valid bit deciding where values come from")
{
    // Default: SR-IOV off, NUM_OF_PF 1. Current: SR-IOV on, 8 VFs, num_pfs_valid 0.
    // Next boot: 16 VFs.
    const Bytes def{0x9f, 0, 0, 0, 0, 0x01, 0, 0, 0x02, 0xc3, 0xf0, 0x45};
    const ItemReading r = reading_of(0x80, def, {0x80, 0, 0, 0, 0x80, 0, 0, 0x08, 0, 0, 0, 0},
                                     {0x80, 0, 0, 0, 0x80, 0, 0, 0x10, 0, 0, 0, 0});
    Tree config = Tree::array();
    append_config_entries(config, r);
    CHECK(config.size() == find_item(0x80)->params.size());
    const Tree& sriov = by_name(config, "SRIOV_EN");
    CHECK(sriov["default"] == false);
    CHECK(sriov["current"] == true);
    CHECK(sriov["differs_from_default"] == true);
    CHECK(sriov["pending_change"] == false);
    CHECK_FALSE(sriov.contains("unavailable"));
    const Tree& pfs = by_name(config, "NUM_OF_PF");
    CHECK(pfs["current"] == 1);  // from the default: the item does not set it
    CHECK(pfs["follows_default"].size() == 2);
    CHECK(by_name(config, "NUM_VF_MSIX")["default"] == 11);
    CHECK(by_name(config, "PF_LOG_BAR_SIZE")["default"] == 5);
}

TEST_CASE("mlx5 config entries: a parameter the item does not set, with no default, is null with a reason")
{
    ItemReading r = reading_of(0x80, {}, Bytes(12, 0), Bytes(12, 0));
    r.slot(AccessMode::factory_default).data.reset();
    r.slot(AccessMode::factory_default).unavailable = "not reported";
    Tree config = Tree::array();
    append_config_entries(config, r);
    const Tree& vfs = by_name(config, "NUM_OF_VFS");
    CHECK(vfs["next_boot"].is_null());
    CHECK(vfs["differs_from_default"].is_null());
    CHECK(vfs["pending_change"].is_null());
    CHECK(vfs["unavailable"]["next_boot"].get<std::string>().find("valid bit is 0") != std::string::npos);
    CHECK(vfs["unavailable"]["default"] == "not reported");
    // A parameter without a valid bit is decoded as it is.
    CHECK(by_name(config, "PF_BAR2_ENABLE")["next_boot"] == false);
}

TEST_CASE("mlx5 config entries: short items and unnamed enumeration values")
{
    // The firmware's copy holds only 4 bytes: parameters in later dwords are null.
    const ItemReading short_item = reading_of(0x10a, Bytes(4, 0), Bytes(4, 0), Bytes(4, 0));
    Tree config = Tree::array();
    append_config_entries(config, short_item);
    CHECK(by_name(config, "CQE_COMPRESSION")["default"] == "BALANCED");
    CHECK(by_name(config, "LOG_TX_PSN_WINDOW")["default"].is_null());
    CHECK(by_name(config, "LOG_TX_PSN_WINDOW")["unavailable"]["default"].get<std::string>().find("only 4 bytes") !=
          std::string::npos);
    // CQE_COMPRESSION 5 has no name: shown as the number.
    const ItemReading odd = reading_of(0x10a, Bytes(8, 0), {0, 0, 0, 5, 0, 0, 0, 0}, Bytes(8, 0));
    Tree odd_config = Tree::array();
    append_config_entries(odd_config, odd);
    CHECK(by_name(odd_config, "CQE_COMPRESSION")["current"] == 5);
}

TEST_CASE("mlx5 config entries: items outside the catalogue are one raw entry")
{
    ItemReading r;
    r.type = 0x00000190;
    r.slot(AccessMode::next).data = Bytes{1, 2, 3, 4};
    r.slot(AccessMode::current).unavailable = "why not";
    r.slot(AccessMode::factory_default).data = Bytes{1, 2, 3, 4};
    Tree config = Tree::array();
    append_config_entries(config, r);
    REQUIRE(config.size() == 1);
    CHECK(config[0]["name"].is_null());
    CHECK(config[0]["id"] == "0x00000190");
    CHECK(config[0]["next_boot"] == "01020304");
    CHECK(config[0]["current"].is_null());
    CHECK(config[0]["differs_from_default"] == false);
    CHECK(config[0]["pending_change"].is_null());
    CHECK(config[0]["unavailable"]["current"] == "why not");
    CHECK_FALSE(config[0].contains("category"));
}
