// Rule 1, proven on the emulated kernel: the RPC log of fwctl-sim shows every
// request the tool sent; none may be above scope 1 or outside the plugin's
// allowlist, and the fake taint mask must not change.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/e2e/run_command.hpp"

using e2e::run;
using e2e::run_report_in_lab;
using e2e::TempDir;
using nlohmann::json;

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

std::string request_prefix(const json& entry, std::size_t bytes)
{
    return entry["request_hex"].get<std::string>().substr(0, bytes * 2);
}

}  // namespace

TEST_CASE("read-only: a full run on the mixed lab sends only allowlisted requests at scope <= 1")
{
    TempDir dir;
    const auto log = dir.path / "rpc.jsonl";
    const auto o = run_report_in_lab("mixed", {"--tar", (dir.path / "r.tar").string(), "--compress", "none"}, log);
    REQUIRE(o.exit_code == 0);
    const auto entries = read_log(log);
    std::size_t rpcs = 0;
    for (const auto& e : entries) {
        CHECK(e["tainted_kernel"] == false);
        if (e["ioctl"] != "RPC") {
            continue;
        }
        ++rpcs;
        CAPTURE(e.dump());
        CHECK(e["scope"].get<int>() <= 1);
        const std::string device = e["device"];
        const std::string head = request_prefix(e, 2);
        if (device == "fwctl0" || device == "fwctl1") {
            CHECK(head == "0101");  // mlx5 QUERY_ADAPTER
        } else if (device == "fwctl2") {
            CHECK(request_prefix(e, 4) == "00050000");  // CXL Get Supported Features
        } else if (device == "fwctl3") {
            CHECK(head == "0000");  // HWRM_VER_GET
        } else {
            FAIL("no RPC expected for " << device);
        }
    }
    CHECK(rpcs == 5);  // 2 x mlx5, 2 x cxl (count, then entries), 1 x bnxt
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
