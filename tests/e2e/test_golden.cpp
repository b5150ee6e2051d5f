// Golden reports: each plugin's lab (plugins/<v>/tests/lab.yaml) and the
// mixed lab must produce exactly the devices section checked in next to them,
// apart from timings. The real binary runs on the emulated devices, so a
// change in decoding, wording or order shows up here as a readable diff.
//
// To accept intended changes: FWCTL_UPDATE_GOLDEN=1 ctest -R golden, then
// review the diff of the golden files like any other code change.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "report/yaml_writer.hpp"
#include "tests/e2e/run_command.hpp"

namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace {

std::string devices_yaml(const std::string& lab_file)
{
    const auto o = e2e::run({FWCTL_SIM_BIN, "--lab", lab_file, "--", FWCTL_REPORT_BIN, "--format", "json"});
    CAPTURE(o.err);
    CHECK((o.exit_code == 0 || o.exit_code == 1));
    ordered_json devices = ordered_json::parse(o.out)["devices"];
    for (auto& d : devices) {
        // Timings differ from run to run; the RPC counts do not, and pin the cost.
        d["collection"].erase("device_time_ms");
        d["collection"].erase("duration_ms");
    }
    return fwctl::report::to_yaml(devices);
}

void check_golden(const fs::path& lab, const fs::path& golden)
{
    CAPTURE(lab);
    REQUIRE(fs::exists(lab));
    const std::string actual = devices_yaml(lab.string());
    const char* update = std::getenv("FWCTL_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        fs::create_directories(golden.parent_path());
        std::ofstream(golden, std::ios::binary) << actual;
        MESSAGE("updated " << golden);
        return;
    }
    REQUIRE_MESSAGE(fs::exists(golden), "no golden file " << golden << " (FWCTL_UPDATE_GOLDEN=1 creates it)");
    CHECK_MESSAGE(actual == e2e::read_text(golden),
                  "report differs from " << golden << "; got:\n" << actual);
}

}  // namespace

TEST_CASE("golden: every plugin's lab yields its checked-in devices section")
{
    const fs::path plugins = fs::path(FWCTL_SOURCE_DIR) / "plugins";
    std::size_t checked = 0;
    for (const auto& entry : fs::directory_iterator(plugins)) {
        const fs::path lab = entry.path() / "tests" / "lab.yaml";
        if (!fs::exists(lab)) {
            continue;  // the conformance test requires one per plugin
        }
        check_golden(lab, entry.path() / "tests" / "golden" / "devices.yaml");
        ++checked;
    }
    CHECK(checked >= 1);
}

TEST_CASE("golden: the mixed lab yields its checked-in devices section")
{
    check_golden(fs::path(FWCTL_SOURCE_DIR) / "tests" / "labs" / "mixed.yaml",
                 fs::path(FWCTL_SOURCE_DIR) / "tests" / "golden" / "mixed-devices.yaml");
}
