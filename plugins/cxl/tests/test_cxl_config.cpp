// From a feature entry and its three selections to config_entry objects: decoded
// fields, raw hex, the default/current/next_boot mapping, differs/pending, status.
#include <doctest/doctest.h>

#include "plugins/cxl/cxl_config.hpp"
#include "plugins/cxl/tests/cxl_test_util.hpp"

using namespace fwctl;
using namespace fwctl::plugins::cxl;
using namespace cxl_test;

namespace {

FeatureEntry entry(const std::string& uuid_hex, std::uint16_t get_size, std::uint32_t flags)
{
    FeatureEntry e;
    const Bytes u = from_hex(uuid_hex);
    std::copy(u.begin(), u.end(), e.uuid.begin());
    e.id = 7;
    e.get_size = get_size;
    e.set_size = 0;
    e.flags = flags;
    e.get_version = 1;
    e.set_version = 1;
    e.effects = 0x0202;
    return e;
}

const std::string scrub = "96dad7d6fde8482ba73375774e06db8a";
const std::string vendor = "d1b5f3a27c4e4f1a9b6d2e8c0a4f7b13";

ValueRead value(const std::string& hex_text)
{
    ValueRead v;
    v.data = from_hex(hex_text);
    return v;
}

const Tree& by_name(const Tree& entries, const std::string& name)
{
    for (const auto& e : entries) {
        if (e["name"] == name) {
            return e;
        }
    }
    FAIL("no entry " << name);
    return entries.front();
}

}  // namespace

TEST_CASE("cxl config: a known feature gives one entry per decoded field, with raw bytes")
{
    const FeatureReads reads{value("010c0101"), value("01180101"), value("01180101")};
    const Tree entries = feature_config_entries(entry(scrub, 4, 0x60), reads);
    REQUIRE(entries.size() == 5);
    const Tree& cycle = by_name(entries, "patrol_scrub.scrub_cycle_hours");
    CHECK(cycle["item"] == "Patrol Scrub Control");
    CHECK(cycle["id"] == "96dad7d6-fde8-482b-a733-75774e06db8a");
    CHECK(cycle["category"] == "ras");
    CHECK(cycle["default"] == 24);
    CHECK(cycle["current"] == 12);
    CHECK(cycle["next_boot"] == 24);
    CHECK(cycle["differs_from_default"] == false);
    CHECK(cycle["pending_change"] == true);
    CHECK(cycle["status"] == "ok");
    CHECK_FALSE(cycle.contains("unavailable"));
    CHECK(cycle["raw"] == Tree{{"default", "01180101"}, {"current", "010c0101"}, {"next_boot", "01180101"}});
    CHECK(cycle["description"].get<std::string>().find("next_boot is the saved value") != std::string::npos);
    CHECK(cycle["kernel_exclusive"] == true);
    CHECK(cycle["changeable"] == false);
    CHECK(cycle["flags"] == "0x00000060");
    CHECK(cycle["get_size"] == 4);
    CHECK(by_name(entries, "patrol_scrub.enabled")["pending_change"] == false);
}

TEST_CASE("cxl config: a selection not offered is null with a reason; differs falls back to current")
{
    const FeatureReads reads{value("010c0101"), value("01180101"),
                             ValueRead::not_requested("not requested: no saved selection")};
    const Tree entries = feature_config_entries(entry(scrub, 4, 0x20), reads);
    const Tree& cycle = by_name(entries, "patrol_scrub.scrub_cycle_hours");
    CHECK(cycle["next_boot"].is_null());
    CHECK(cycle["pending_change"].is_null());
    CHECK(cycle["differs_from_default"] == true);  // current 12 vs default 24
    CHECK(cycle["status"] == "ok");
    CHECK(cycle["unavailable"] == Tree{{"next_boot", "not requested: no saved selection"}});
    CHECK(cycle["raw"]["next_boot"].is_null());

    const FeatureReads no_default{value("010c0101"), ValueRead::not_requested("no default"), value("010c0101")};
    const Tree e2 = feature_config_entries(entry(scrub, 4, 0x40), no_default);
    CHECK(by_name(e2, "patrol_scrub.scrub_cycle_hours")["differs_from_default"].is_null());
    CHECK(by_name(e2, "patrol_scrub.scrub_cycle_hours")["pending_change"] == false);
}

TEST_CASE("cxl config: an unknown feature is one entry with hex values and null names")
{
    const FeatureReads reads{value("0010000002000000"), value("0010000000000000"), value("0020000002000000")};
    const Tree entries = feature_config_entries(entry(vendor, 8, 0x79), reads);
    REQUIRE(entries.size() == 1);
    const Tree& e = entries[0];
    CHECK(e["name"].is_null());
    CHECK(e["item"].is_null());
    CHECK(e["id"] == "d1b5f3a2-7c4e-4f1a-9b6d-2e8c0a4f7b13");
    CHECK(e["category"] == "other");
    CHECK(e["current"] == "0010000002000000");
    CHECK(e["next_boot"] == "0020000002000000");
    CHECK(e["differs_from_default"] == true);
    CHECK(e["pending_change"] == true);
    CHECK_FALSE(e.contains("raw"));
    CHECK(e["deepest_reset_persistence"] == "cold_reset");
    CHECK(e["persist_across_fw_update"] == true);
    CHECK(e["kernel_exclusive"] == false);
}

TEST_CASE("cxl config: status is the worst requested read; a selection not offered does not count")
{
    ValueRead refused;
    refused.status = "not_supported";
    refused.reason = "device returned CXL return code 0x001a Unsupported Feature Selection Value";
    const FeatureReads reads{value("11223344"), refused, ValueRead::not_requested("no saved")};
    const Tree e = feature_config_entries(entry(vendor, 4, 0x21), reads)[0];
    CHECK(e["status"] == "not_supported");
    CHECK(e["default"].is_null());
    CHECK(e["current"] == "11223344");
    CHECK(e["unavailable"]["default"] == refused.reason);

    ValueRead failed;
    failed.status = "error";
    failed.reason = "boom";
    const FeatureReads worse{value("11223344"), refused, failed};
    CHECK(feature_config_entries(entry(vendor, 4, 0x61), worse)[0]["status"] == "error");
}

TEST_CASE("cxl config: known features that cannot be decoded become one named raw entry")
{
    // get_size 2 cannot hold the 4-byte patrol scrub attributes.
    const FeatureReads short_layout{value("0102"), ValueRead::not_requested("a"), ValueRead::not_requested("b")};
    const Tree raw = feature_config_entries(entry(scrub, 2, 0), short_layout);
    REQUIRE(raw.size() == 1);
    CHECK(raw[0]["name"] == "Patrol Scrub Control");
    CHECK(raw[0]["item"] == "Patrol Scrub Control");
    CHECK(raw[0]["current"] == "0102");
    CHECK(raw[0]["description"].get<std::string>().find("not decoded") != std::string::npos);

    ValueRead failed;
    failed.status = "error";
    failed.reason = "device returned CXL return code 0x0004 Internal Error";
    const FeatureReads nothing{failed, ValueRead::not_requested("a"), ValueRead::not_requested("b")};
    const Tree none = feature_config_entries(entry(scrub, 4, 0), nothing);
    REQUIRE(none.size() == 1);  // not five entries of nulls
    CHECK(none[0]["status"] == "error");
    CHECK(none[0]["current"].is_null());
    CHECK(none[0]["unavailable"]["current"] == failed.reason);
}

TEST_CASE("cxl config: a feature with get_size 0 is listed as unavailable")
{
    const auto none = ValueRead::not_requested("not requested: get_feat_size is 0");
    const Tree e = feature_config_entries(entry(vendor, 0, 0x01), {none, none, none});
    REQUIRE(e.size() == 1);
    CHECK(e[0]["status"] == "unavailable");
    CHECK(e[0]["unavailable"].size() == 3);
    CHECK(e[0]["differs_from_default"].is_null());
}
