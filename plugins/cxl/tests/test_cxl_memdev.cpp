// Firmware identity from memdev sysfs attributes: formats, absent and empty values.
#include <doctest/doctest.h>

#include <algorithm>

#include "plugins/cxl/cxl_memdev.hpp"

using namespace fwctl;
using namespace fwctl::plugins::cxl;

namespace {

DeviceIdentity memdev(std::map<std::string, std::string> attrs)
{
    DeviceIdentity id;
    id.name = "fwctl0";
    id.parent = ParentIdentity{"cxl", "mem0", "cxl_mem", std::nullopt};
    id.parent_attributes = std::move(attrs);
    return id;
}

}  // namespace

TEST_CASE("cxl memdev: only read-only attributes are asked for")
{
    const auto names = memdev_attributes();
    for (std::string_view forbidden : {"security/sanitize", "security/erase", "trigger_poison_list", "firmware/"}) {
        CHECK(std::none_of(names.begin(), names.end(),
                           [&](std::string_view n) { return n.starts_with(forbidden); }));
    }
    CHECK(std::find(names.begin(), names.end(), "firmware_version") != names.end());
    CHECK(std::find(names.begin(), names.end(), "ram/size") != names.end());
}

TEST_CASE("cxl memdev: every attribute present is reported in its type")
{
    const auto fw = memdev_firmware(memdev({{"firmware_version", "7.0.13.1"},
                                            {"serial", "0x3b5a7c9e12d4f601"},
                                            {"numa_node", "-1"},
                                            {"payload_max", "1048576"},
                                            {"label_storage_size", "131072"},
                                            {"ram/size", "0x1000000000"},
                                            {"pmem/size", "0"},
                                            {"ram/qos_class", "42"},
                                            {"pmem/qos_class", "-1"},
                                            {"security/state", "disabled"}}));
    CHECK(fw.firmware["running"] == "7.0.13.1");
    CHECK(fw.firmware["stored"].is_null());
    CHECK(fw.firmware["pending_activation"].is_null());
    const Tree& m = fw.firmware["memdev"];
    CHECK(m["serial"] == "0x3b5a7c9e12d4f601");
    CHECK(m["numa_node"] == -1);
    CHECK(m["payload_max"] == 1048576);
    CHECK(m["ram_size"] == 68719476736ULL);
    CHECK(m["pmem_size"] == 0);
    CHECK(m["ram_qos_class"] == 42);
    CHECK(m["security_state"] == "disabled");
    CHECK(fw.note.find("mem0") != std::string::npos);
    CHECK(fw.note.find("Not present") == std::string::npos);
}

TEST_CASE("cxl memdev: absent attributes are null and named in the note; odd text is kept")
{
    const auto fw = memdev_firmware(memdev({{"firmware_version", ""}, {"payload_max", "lots"}, {"ram/size", "0xZZ"}}));
    CHECK(fw.firmware["running"].is_null());
    CHECK(fw.firmware["memdev"]["firmware_version"].is_null());
    CHECK(fw.firmware["memdev"]["serial"].is_null());
    CHECK(fw.firmware["memdev"]["payload_max"] == "lots");
    CHECK(fw.firmware["memdev"]["ram_size"] == "0xZZ");
    CHECK(fw.note.find("empty firmware_version") != std::string::npos);
    CHECK(fw.note.find("Not present in sysfs (reported as null): serial, numa_node, label_storage_size, pmem/size") !=
          std::string::npos);
}
