#include "tests/faults/clean_run.hpp"

#include <doctest/doctest.h>

#include <set>
#include <sstream>

#include "collector/rpc_guard.hpp"
#include "plugins/registry.hpp"
#include "report/yaml_reader.hpp"
#include "tests/e2e/run_command.hpp"
#include "tests/faults/hex_text.hpp"

namespace faults {

namespace fs = std::filesystem;

namespace {

const fwctl::Plugin* plugin_for(std::uint32_t type_id)
{
    for (const fwctl::Plugin* p : fwctl::plugins::registry()) {
        if (p->info().type_id == type_id) {
            return p;
        }
    }
    return nullptr;
}

// The rule the guard matched: the same decision check_rpc() made when the tool sent it.
std::string rule_for(const fwctl::Plugin& plugin, const std::vector<std::uint8_t>& request, std::uint32_t out_len)
{
    for (const auto& rule : plugin.allowlist()) {
        if (fwctl::check_rpc(plugin.allowlist(), rule, request, out_len)) {
            return std::string(rule.name);
        }
    }
    return {};
}

}  // namespace

const ordered_json& CleanRun::device_report(const std::string& name) const
{
    for (const auto& d : report["devices"]) {
        if (d["name"] == name) {
            return d;
        }
    }
    throw std::runtime_error("clean report has no device " + name);
}

const ordered_json& CleanRun::lab_device(const std::string& name) const
{
    for (const auto& d : lab_doc["devices"]) {
        if (d["name"] == name) {
            return d;
        }
    }
    throw std::runtime_error("lab has no device " + name);
}

std::vector<std::string> CleanRun::subjects() const
{
    std::vector<std::string> names;
    for (const auto& d : report["devices"]) {
        if (d["errors"].empty() && d["collection"]["rpcs_sent"].get<int>() > 0) {
            names.push_back(d["name"]);
        }
    }
    return names;
}

CleanRun run_clean(const fs::path& lab)
{
    CleanRun clean;
    clean.lab = lab;
    auto lab_doc = fwctl::report::yaml_to_json(e2e::read_text(lab), lab.string());
    REQUIRE_MESSAGE(lab_doc, lab);
    clean.lab_doc = ordered_json::parse(lab_doc->dump());

    e2e::TempDir dir;
    const fs::path log = dir.path / "rpc.jsonl";
    const auto o = e2e::run({FWCTL_SIM_BIN, "--lab", lab.string(), "--log", log.string(), "--",
                             FWCTL_REPORT_BIN, "--format", "json", "--quiet"});
    REQUIRE_MESSAGE((o.exit_code == 0 || o.exit_code == 1), o.err);
    clean.report = ordered_json::parse(o.out);

    std::map<std::string, std::size_t> order;
    std::map<std::string, std::set<std::string>> seen;  // device -> request hex
    std::istringstream lines(e2e::read_text(log));
    for (std::string line; std::getline(lines, line);) {
        const auto record = nlohmann::json::parse(line);
        const std::string device = record["device"];
        if (record["ioctl"] == "INFO" && record["result"] == 0) {
            clean.type_of[device] = record["device_type"];
            continue;
        }
        if (record["ioctl"] != "RPC") {
            continue;
        }
        RpcSite site;
        site.device = device;
        site.type_id = clean.type_of.at(device);
        site.op = record["op"];
        site.request_hex = record["request_hex"];
        site.out_len = record["out_len"];
        site.order = order[device]++;
        // A request sent twice with the same bytes is one site: a reply override
        // matches by bytes and would hit both.
        if (!seen[device].insert(site.request_hex).second) {
            continue;
        }
        const fwctl::Plugin* plugin = plugin_for(site.type_id);
        REQUIRE_MESSAGE(plugin != nullptr, "an RPC was sent to " << device << ", which has no plugin");
        site.type_name = std::string(plugin->info().name);
        site.rule = rule_for(*plugin, from_hex(site.request_hex), site.out_len);
        REQUIRE_MESSAGE(!site.rule.empty(), "no allowlist rule matches " << site.op << " of " << device);
        clean.rpcs.push_back(std::move(site));
    }

    for (const fwctl::Plugin* p : fwctl::plugins::registry()) {
        for (const auto& rule : p->allowlist()) {
            const bool sent = std::any_of(clean.rpcs.begin(), clean.rpcs.end(),
                                          [&](const RpcSite& s) { return s.rule == rule.name; });
            if (!sent) {
                clean.rules_never_sent.push_back(std::string(p->info().name) + " " + std::string(rule.name));
            }
        }
    }
    return clean;
}

}  // namespace faults
