// Rule 1, proven on the emulated kernel: the RPC log of fwctl-sim shows every
// request the tool sent; none may be above scope 1 or outside the plugin's
// allowlist, and the fake taint mask must not change.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include <algorithm>
#include <map>

#include "plugins/registry.hpp"
#include "tests/e2e/run_command.hpp"

using e2e::run;
using e2e::run_report_in_lab;
using e2e::TempDir;
using nlohmann::json;
using namespace fwctl;

namespace {

std::vector<json> read_log(const std::filesystem::path& log)
{
    std::vector<json> lines;
    std::istringstream text(e2e::read_text(log));
    for (std::string line; std::getline(text, line);) {
        if (!line.empty()) {
            lines.push_back(json::parse(line));
        }
    }
    return lines;
}

// The plugin allowlist rule that `request` (the bytes fwctl-sim received) matches.
const RpcRule* matching_rule(std::uint32_t type_id, std::uint32_t scope, const std::vector<std::uint8_t>& request)
{
    for (const Plugin* plugin : plugins::registry()) {
        if (plugin->info().type_id != type_id) {
            continue;
        }
        for (const auto& rule : plugin->allowlist()) {
            const bool fields = std::all_of(rule.fields.begin(), rule.fields.end(),
                                            [&](const FieldMatch& f) { return f.matches(request); });
            if (fields && rule.scope == scope && request.size() <= rule.max_request_len) {
                return &rule;
            }
        }
    }
    return nullptr;
}

std::vector<std::uint8_t> from_hex(const std::string& hex)
{
    std::vector<std::uint8_t> bytes;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        bytes.push_back(static_cast<std::uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
    }
    return bytes;
}

}  // namespace

TEST_CASE("read-only: every request of a full mixed-lab run is at scope <= 1 and on its plugin's allowlist")
{
    TempDir dir;
    const auto log = dir.path / "rpc.jsonl";
    const auto o = run_report_in_lab("mixed", {"--tar", (dir.path / "r.tar").string(), "--compress", "none"}, log);
    REQUIRE(o.exit_code == 1);  // fwctl1's firmware refuses queries (no TOOLS_RESOURCES)
    const auto entries = read_log(log);
    std::map<std::string, std::uint32_t> type_of;
    std::map<std::string, std::size_t> rpcs_per_device;
    for (const auto& e : entries) {
        CHECK(e["tainted_kernel"] == false);
        if (e["ioctl"] == "INFO") {
            type_of[e["device"]] = e["device_type"];
            continue;
        }
        REQUIRE(e["ioctl"] == "RPC");
        CAPTURE(e.dump());
        const std::string device = e["device"];
        REQUIRE(type_of.contains(device));  // INFO always comes first
        CHECK(e["scope"].get<int>() <= 1);
        CHECK(matching_rule(type_of[device], e["scope"], from_hex(e["request_hex"])) != nullptr);
        ++rpcs_per_device[device];
    }
    CHECK(type_of.size() == 6);
    // pds (no read-only RPC known) and the unknown type get nothing but INFO.
    CHECK_FALSE(rpcs_per_device.contains("fwctl4"));
    CHECK_FALSE(rpcs_per_device.contains("fwctl5"));
    CHECK(rpcs_per_device["fwctl0"] > 1);
    CHECK(rpcs_per_device["fwctl2"] > 1);
    CHECK(rpcs_per_device["fwctl3"] > 1);
}

TEST_CASE("read-only: --list sends no RPC at all")
{
    TempDir dir;
    const auto log = dir.path / "rpc.jsonl";
    REQUIRE(run_report_in_lab("mixed", {"--list"}, log).exit_code == 0);
    for (const auto& e : read_log(log)) {
        CHECK(e["ioctl"] != "RPC");
    }
}

TEST_CASE("read-only: the guard refuses forbidden requests on real device nodes without any ioctl")
{
    TempDir dir;
    const auto log = dir.path / "rpc.jsonl";
    const auto o = run({FWCTL_SIM_BIN, "--lab", e2e::lab_path("mixed"), "--log", log.string(), "--",
                        GUARD_PROBE_BIN});
    CAPTURE(o.out);
    CAPTURE(o.err);
    CHECK(o.exit_code == 0);
    for (const char* attempt : {"scope 2", "scope 3", "mlx5 ACCESS_REG write", "CXL Set Feature",
                                "bnxt FW_RESET", "bnxt NVM_FACTORY_DEFAULTS", "pds any"}) {
        CHECK_MESSAGE(o.out.find(std::string("refused: ") + attempt) != std::string::npos, attempt);
    }
    for (const auto& e : read_log(log)) {
        CHECK(e["ioctl"] != "RPC");  // only FWCTL_INFO reached the emulated kernel
        CHECK(e["tainted_kernel"] == false);
    }
}
