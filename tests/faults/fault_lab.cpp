#include "tests/faults/fault_lab.hpp"

#include <cstdio>
#include <fstream>

#include "report/yaml_writer.hpp"

namespace faults {

namespace fs = std::filesystem;

ordered_json copy_device(const ordered_json& base, int n)
{
    ordered_json copy = base;
    copy["name"] = "fwctl" + std::to_string(n);
    copy.erase("minor");
    if (copy["parent"].is_object()) {
        char address[16];
        std::snprintf(address, sizeof address, "%04x:%02x:00.0", 0x100 + n / 200, 1 + n % 200);
        copy["parent"]["address"] = address;
        if (copy["parent"].contains("memdev")) {
            copy["parent"]["memdev"]["name"] = "mem" + std::to_string(n);
        }
    }
    return copy;
}

LabRun run_lab(const ordered_json& lab_doc, const std::vector<std::string>& extra_args)
{
    e2e::TempDir dir;
    const fs::path lab = dir.path / "lab.yaml";
    LabRun run;
    run.lab_yaml = fwctl::report::to_yaml(lab_doc);
    std::ofstream(lab) << run.lab_yaml;
    std::vector<std::string> argv{FWCTL_SIM_BIN, "--lab", lab.string(), "--", FWCTL_REPORT_BIN,
                                  "--format", "json", "--quiet"};
    argv.insert(argv.end(), extra_args.begin(), extra_args.end());
    run.outcome = e2e::run(argv);
    try {
        run.report = ordered_json::parse(run.outcome.out);
    } catch (const std::exception&) {
        run.report = nullptr;
    }
    return run;
}

const ordered_json* find_device(const ordered_json& report, const std::string& name)
{
    if (!report.is_object() || !report.contains("devices")) {
        return nullptr;
    }
    for (const auto& d : report["devices"]) {
        if (d["name"] == name) {
            return &d;
        }
    }
    return nullptr;
}

}  // namespace faults
