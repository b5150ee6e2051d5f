// Hostile or odd system state, made by a shell step that edits the umockdev
// testbed after fwctl-sim built it and before fwctl-report starts: attribute
// values with non-UTF-8 bytes, control characters, newlines and 64 KiB of
// text; missing and looping links; a node that is not a character device;
// a device with no parent; a device whose name has spaces, a newline and a
// non-UTF-8 byte; a taint file that is garbage or unreadable. The report must
// still be complete, valid, UTF-8, and its archive member names safe.
#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "report/schema_validator.hpp"
#include "report/yaml_writer.hpp"
#include "tests/faults/clean_run.hpp"
#include "tests/faults/fault_lab.hpp"
#include "tests/faults/reliability_doc.hpp"

using namespace faults;
namespace fs = std::filesystem;

namespace {

struct Hostile {
    std::string description;
    std::string base;   // device of the mixed lab to copy
    std::string shell;  // edits the testbed; $S is /sys/class/fwctl in it, $N this device's name
    bool no_parent = false;
};

const std::vector<Hostile>& hostile_devices()
{
    static const std::vector<Hostile> all{
        {"control: unchanged copy", "fwctl0", ""},
        {"parent attribute with non-UTF-8 bytes and control characters", "fwctl0",
         "printf 'x\\377\\376\\001\\033[31m' >\"$S/$N/device/current_link_speed\""},
        {"parent attribute with spaces and newlines", "fwctl0",
         "printf ' 16.0 GT/s\\n\\nPCIe \\n' >\"$S/$N/device/current_link_speed\""},
        {"64 KiB attribute; hex and number attributes that do not parse", "fwctl0",
         "yes A | head -c 65536 | tr -d '\\n' >\"$S/$N/device/current_link_speed\"; "
         "printf '0xZZZZ\\n' >\"$S/$N/device/vendor\"; printf 'sixteen\\n' >\"$S/$N/device/current_link_width\""},
        {"no driver link", "fwctl0", "rm \"$S/$N/device/driver\"; sed -i '/^DRIVER=/d' \"$S/$N/device/uevent\""},
        {"driver link that points to itself", "fwctl0",
         "rm \"$S/$N/device/driver\"; ln -s driver \"$S/$N/device/driver\"; sed -i '/^DRIVER=/d' \"$S/$N/device/uevent\""},
        {"device link that points to itself", "fwctl0", "rm \"$S/$N/device\"; ln -s device \"$S/$N/device\""},
        {"/dev node that is a directory", "fwctl0",
         "rm \"$UMOCKDEV_DIR/dev/fwctl/$N\"; mkdir \"$UMOCKDEV_DIR/dev/fwctl/$N\""},
        {"no parent device", "fwctl0", "", true},
        {"CXL memdev firmware_version with non-UTF-8 bytes", "fwctl2",
         "printf '7.0\\377\\n' >\"$S/$N/device/firmware_version\""},
    };
    return all;
}

// A device that exists only in sysfs, named with a space, a newline, a
// non-UTF-8 byte and dots: no node, no parent, no uevent DEVNAME.
const char* const odd_named_device =
    "V=\"$UMOCKDEV_DIR/sys/devices/virtual/fwctl\"; O=$(printf 'fw ctl\\n\\377..x'); mkdir -p \"$V/$O\"; "
    "ln -s ../../../../class/fwctl \"$V/$O/subsystem\"; printf 'MAJOR=511\\nMINOR=99\\n' >\"$V/$O/uevent\"; "
    "printf '511:99\\n' >\"$V/$O/dev\"; ln -s \"../../devices/virtual/fwctl/$O\" \"$S/$O\"";

bool valid_utf8(const std::string& s)
{
    // nlohmann::json refuses invalid UTF-8 when dumping with the strict handler.
    try {
        (void)nlohmann::json(s).dump();
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace

TEST_CASE("hostile sysfs: odd attributes, links, nodes and names are reported, escaped, never fatal")
{
    const CleanRun clean = run_clean(e2e::lab_path("mixed"));
    ordered_json lab = clean.lab_doc;
    lab["devices"] = ordered_json::array();
    std::string edits = "set -e\nS=\"$UMOCKDEV_DIR/sys/class/fwctl\"\n";
    int n = 0;
    for (const auto& h : hostile_devices()) {
        ordered_json device = copy_device(clean.lab_device(h.base), n);
        if (h.no_parent) {
            device["parent"] = nullptr;
        }
        lab["devices"].push_back(device);
        if (!h.shell.empty()) {
            edits += "N=fwctl" + std::to_string(n) + "\n" + h.shell + "\n";
        }
        ++n;
    }
    edits += std::string(odd_named_device) + "\n";

    e2e::TempDir dir;
    const fs::path lab_file = dir.path / "lab.yaml";
    const fs::path out = dir.path / "out";
    std::ofstream(lab_file) << fwctl::report::to_yaml(lab);
    // The edits run without umockdev's preload library: it would redirect the
    // testbed's own /dev/shm/... paths as if they were device nodes.
    const std::string script = "env -u LD_PRELOAD /bin/sh -c \"$EDITS\" || exit 99\n"
                               "\"$REPORT\" --quiet --format json >\"$OUT.json\"; echo $? >\"$OUT.rc\"\n\"$REPORT\" --quiet --format json >\"$OUT.json\"; echo $? >\"$OUT.rc\"\n"
                               "exec \"$REPORT\" --quiet --output-dir \"$OUT\"\n";
    const auto o = e2e::run({"/usr/bin/env", std::string("REPORT=") + FWCTL_REPORT_BIN, "OUT=" + out.string(), "EDITS=" + edits,
                             FWCTL_SIM_BIN, "--lab", lab_file.string(), "--", "/bin/sh", "-c", script});
    CAPTURE(o.err);
    const int json_exit = std::stoi(e2e::read_text(out.string() + ".rc"));
    REQUIRE_MESSAGE(json_exit < 125, "crashed (exit " << json_exit << ")");
    CHECK(json_exit == 1);
    CHECK(o.exit_code == 1);  // --output-dir run: written, with errors

    const auto report = ordered_json::parse(e2e::read_text(out.string() + ".json"));
    const auto violations = fwctl::report::report_schema().validate(report);
    CHECK_MESSAGE(violations.empty(), fwctl::report::summarize(violations));
    REQUIRE(report["devices"].size() == hostile_devices().size() + 1);  // nothing dropped

    // The output directory: valid, UTF-8 YAML, and only safe member names.
    const auto validated = e2e::run({FWCTL_REPORT_BIN, "--validate", out.string()});
    CHECK_MESSAGE(validated.exit_code == 0, validated.out << validated.err);
    const std::regex safe_member("[A-Za-z0-9_][A-Za-z0-9._-]*");
    std::vector<std::string> members;
    for (const auto& entry : fs::recursive_directory_iterator(out)) {
        const std::string name = entry.path().filename().string();
        // Only [A-Za-z0-9._-], never starting with a dot: no "/", no "." or ".."
        // component, no control character. Dots inside a name are harmless.
        CHECK_MESSAGE(std::regex_match(name, safe_member), "unsafe member name '" << name << "'");
        if (entry.is_regular_file()) {
            CHECK_MESSAGE(valid_utf8(e2e::read_text(entry.path())), entry.path() << " is not UTF-8");
            if (entry.path().parent_path().filename() == "devices") {
                members.push_back(name);
            }
        }
    }
    CHECK(members.size() == hostile_devices().size() + 1);

    std::ostringstream md;
    md << "\n### Hostile sysfs and device nodes\n\n"
       << "One run of copies of mixed-lab devices, each with one oddity made in the testbed before the tool "
          "starts, plus a sysfs-only device named `fw ctl\\n\\xff..x`. Exit code " << json_exit
       << "; report " << (violations.empty() ? "valid" : "INVALID") << "; every device reported; "
       << "`--output-dir` member names safe (`devices/" << cell(members.empty() ? "" : members.back())
       << "` for the odd name); all text valid UTF-8.\n\n"
       << "| oddity | device status | errors (stage: what) | what the report says |\n|---|---|---|---|\n";
    const ordered_json& control = *find_device(report, "fwctl0");
    const ordered_json* odd = nullptr;
    for (const auto& d : report["devices"]) {
        if (d["name"].get<std::string>().rfind("fw ctl", 0) == 0) {
            odd = &d;
        }
    }
    REQUIRE(odd != nullptr);
    CHECK(odd->at("name") == "fw ctl\n\\xff..x");  // the newline kept, the byte escaped
    for (std::size_t i = 0; i <= hostile_devices().size(); ++i) {
        const ordered_json* found = i < hostile_devices().size() ? find_device(report, "fwctl" + std::to_string(i)) : odd;
        REQUIRE(found != nullptr);
        const ordered_json& d = *found;
        const std::string oddity = i < hostile_devices().size() ? hostile_devices()[i].description
                                                                 : "sysfs-only device with an odd name";
        CAPTURE(oddity);
        std::string errors;
        for (const auto& e : d["errors"]) {
            errors += (errors.empty() ? "" : "; ") + e["stage"].get<std::string>() + ": " + e["what"].get<std::string>() +
                      (e["errno_name"].is_string() ? " (" + e["errno_name"].get<std::string>() + ")" : "");
        }
        std::string says;
        if (d["parent"].is_object() && d["parent"]["pci"].is_object()) {
            const auto& pci = d["parent"]["pci"];
            says = "link speed " + pci["link"]["speed"].dump() + ", width " + pci["link"]["width"].dump() +
                   ", vendor " + pci["vendor_id"].dump() + ", driver " + d["parent"]["driver"].dump();
        } else {
            says = "parent " + d["parent"].dump();
        }
        if (says.size() > 160) {
            says = says.substr(0, 120) + "... (" + std::to_string(says.size()) + " characters)";
        }
        if (d["type"] == "cxl") {
            says = "firmware.running " + d["firmware"]["running"].dump();
        }
        if (i > 0 && d["type"] == control["type"] && d["errors"].empty()) {
            CHECK_MESSAGE(d["firmware"] == control["firmware"], "collection changed for " << oddity);
        }
        md << "| " << cell(oddity) << " (" << cell(d["name"].get<std::string>()) << ") | " << d["status"].get<std::string>()
           << " | " << cell(errors.empty() ? "none" : errors) << " | " << cell(says) << " |\n";
    }
    check_doc_section("hostile-sysfs", md.str());
}
