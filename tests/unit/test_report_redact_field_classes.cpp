#include <doctest/doctest.h>

#include "report/redact/field_classes.hpp"

using namespace fwctl::report::redact;
using json = nlohmann::ordered_json;

namespace {

std::optional<FieldClass> classify(std::string_view dotted, const json& value)
{
    Path path;
    std::size_t start = 0;
    while (start <= dotted.size()) {
        const auto end = std::min(dotted.find('.', start), dotted.size());
        path.emplace_back(dotted.substr(start, end - start));
        start = end + 1;
    }
    return classify_field(path, value);
}

}  // namespace

TEST_CASE("field classes: path globs match one segment with * and any number with **")
{
    CHECK(path_matches("/host/*", {"host", "hostname"}));
    CHECK_FALSE(path_matches("/host/*", {"host", "os", "id"}));
    CHECK(path_matches("/devices/**", {"devices", "0", "firmware", "memdev", "serial"}));
    CHECK(path_matches("/devices/*/parent/pci/**", {"devices", "3", "parent", "pci"}));
    CHECK_FALSE(path_matches("/devices/*/name", {"devices", "0", "parent", "name"}));
}

TEST_CASE("field classes: the table finds host name, serials, MACs and GUIDs where reports put them")
{
    CHECK(classify("host.hostname", "web01") == FieldClass::hostname);
    CHECK(classify("devices.2.firmware.memdev.serial", "0x3b5a7c9e12d4f601") == FieldClass::serial);
    CHECK(classify("devices.0.firmware.board_serial_number", "MT2145X12345") == FieldClass::serial);
    CHECK(classify("devices.0.firmware.serial", 123456789) == FieldClass::serial);
    CHECK(classify("devices.0.info.decoded.node_guid", "0x248a070300a1b2c3") == FieldClass::guid);
    CHECK(classify("devices.0.firmware.system_guid", "248a:0703:00a1:b2c3") == FieldClass::guid);
    CHECK(classify("devices.3.firmware.mac_address", "00:0a:f7:12:34:56") == FieldClass::mac);
    CHECK(classify("devices.3.health.ports.0.perm_addr", "000af7123456") == FieldClass::mac);
    CHECK(classify("devices.3.health.netdev.address", "00:0a:f7:12:34:56") == FieldClass::mac);
    CHECK(classify("devices.3.firmware.macs.1", "00:0a:f7:12:34:57") == FieldClass::mac);
}

TEST_CASE("field classes: look-alikes are not secrets")
{
    CHECK_FALSE(classify("devices.0.parent.pci.address", "0000:03:00.0"));      // PCI address stays
    CHECK_FALSE(classify("devices.0.parent.sysname", "0000:03:00.0"));
    CHECK_FALSE(classify("devices.0.firmware.psid", "MT_0000000838"));          // board id stays
    CHECK_FALSE(classify("devices.3.firmware.max_mac_filters", 16));            // a count, not a MAC
    CHECK_FALSE(classify("devices.3.firmware.mac", "not a mac"));
    CHECK_FALSE(classify("devices.0.firmware.serial_console", true));
    CHECK_FALSE(classify("devices.2.config.0.id", "96dad7d6-fde8-482b-a733-75774e06db8a"));  // CXL feature UUID
    CHECK_FALSE(classify("devices.0.firmware.memdev.serial_count", 2));
    CHECK_FALSE(classify("host.os.id", "debian"));
}

TEST_CASE("field classes: the tool's own vocabulary is never swept, plugin text and dumps are")
{
    CHECK(is_sweep_exempt({"host", "os", "pretty_name"}));
    CHECK(is_sweep_exempt({"devices", "0", "type"}));
    CHECK(is_sweep_exempt({"devices", "0", "parent", "pci", "address"}));
    CHECK(is_sweep_exempt({"devices", "1", "config", "4", "name"}));
    CHECK_FALSE(is_sweep_exempt({"devices", "0", "notes", "firmware"}));
    CHECK_FALSE(is_sweep_exempt({"devices", "0", "info", "data_hex"}));
    CHECK_FALSE(is_sweep_exempt({"devices", "0", "errors", "0", "message"}));
    CHECK_FALSE(is_sweep_exempt({"devices", "1", "config", "4", "raw", "current"}));
}

TEST_CASE("field classes: MAC and GUID shapes")
{
    CHECK(looks_like_mac("00:0a:f7:12:34:56"));
    CHECK(looks_like_mac("00-0A-F7-12-34-56"));
    CHECK(looks_like_mac("000a.f712.3456"));
    CHECK_FALSE(looks_like_mac("0000:03:00.0"));
    CHECK_FALSE(looks_like_mac("00:0a:f7:12:34"));
    CHECK(looks_like_guid("0x248a070300a1b2c3"));
    CHECK(looks_like_guid("248a:0703:00a1:b2c3"));
    CHECK(looks_like_guid("3F2504E0-4F89-11D3-9A0C-0305E82C3301"));
    CHECK_FALSE(looks_like_guid("0x1234"));
}
