// Concurrent collection (--jobs) and deadlines (--timeout, --max-time), on the
// mixed lab run by the real binary under fwctl-sim.
//
// A hung device is made with fwctl-sim's `hang` reply: one RPC of the bnxt
// device (fwctl3) is never answered, as with firmware that stopped responding.
// The other devices are served meanwhile (fwctl-sim answers from a timer
// thread, so a pending reply does not hold its ioctl worker).
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <fstream>

#include "report/schema_validator.hpp"
#include "report/yaml_reader.hpp"
#include "tests/e2e/report_lookup.hpp"
#include "tests/e2e/run_command.hpp"

using nlohmann::json;

namespace {

using Clock = std::chrono::steady_clock;

// The mixed lab with fwctl3's NVM_GET_DEV_INFO (HWRM req_type 0xfff6, little
// endian) never answered.
std::filesystem::path hung_lab(const e2e::TempDir& dir)
{
    YAML::Node lab = YAML::LoadFile(e2e::lab_path("mixed"));
    for (auto device : lab["devices"]) {
        if (device["name"].as<std::string>() == "fwctl3") {
            YAML::Node reply;
            reply["match"] = "f6ff";
            reply["hang"] = true;
            device["replies"].push_back(reply);
        }
    }
    YAML::Emitter out;
    out << lab;
    const auto path = dir.path / "hung.yaml";
    std::ofstream(path) << out.c_str() << "\n";
    return path;
}

struct Run {
    e2e::Outcome outcome;
    json doc;
    double seconds = 0;
};

Run report_in(const std::filesystem::path& lab, const std::vector<std::string>& args)
{
    std::vector<std::string> argv{FWCTL_SIM_BIN, "--lab", lab.string(), "--", FWCTL_REPORT_BIN, "--format",
                                  "json"};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto start = Clock::now();
    Run run;
    run.outcome = e2e::run(argv);
    run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    CAPTURE(run.outcome.err);
    REQUIRE_FALSE(run.outcome.out.empty());
    run.doc = json::parse(run.outcome.out);
    const auto violations = fwctl::report::report_schema().validate(run.doc);
    CHECK_MESSAGE(violations.empty(), fwctl::report::summarize(violations));
    return run;
}

// The document without what differs from run to run or with the job count.
json without_timings(json doc)
{
    doc.erase("collected_at");
    doc.erase("duration_ms");
    for (auto& d : doc["devices"]) {
        d["collection"].erase("device_time_ms");
        d["collection"].erase("duration_ms");
    }
    for (const char* key : {"jobs", "device_time_ms", "wall_time_ms"}) {
        doc["collection"].erase(key);
    }
    return doc;
}

const json& device(const json& doc, const std::string& name)
{
    return e2e::device_named(doc, name);
}

}  // namespace

TEST_CASE("--jobs 1 and --jobs 4 write the same report, in the same device order, apart from timings")
{
    const auto lab = e2e::lab_path("mixed");
    const Run sequential = report_in(lab, {"--jobs", "1"});
    const Run parallel = report_in(lab, {"--jobs", "4"});
    CHECK(sequential.outcome.exit_code == 1);  // fwctl1's refusals, as always in this lab
    CHECK(parallel.outcome.exit_code == 1);
    CHECK(sequential.doc["collection"]["jobs"] == 1);
    CHECK(parallel.doc["collection"]["jobs"] == 4);
    CHECK(without_timings(sequential.doc) == without_timings(parallel.doc));
}

TEST_CASE("the run-level collection block accounts for jobs, limits and time waiting on devices")
{
    const Run run = report_in(e2e::lab_path("mixed"), {"--timeout", "7", "--max-time", "50"});
    const json& c = run.doc["collection"];
    CHECK(c["jobs"] == 4);  // default: min(6 devices, 4)
    CHECK(c["device_timeout_s"] == 7);
    CHECK(c["max_time_s"] == 50);
    CHECK(c["devices_timed_out"] == 0);
    double device_ms = 0;
    std::uint64_t sent = 0;
    for (const auto& d : run.doc["devices"]) {
        device_ms += d["collection"]["device_time_ms"].get<double>();
        sent += d["collection"]["rpcs_sent"].get<std::uint64_t>();
        CHECK(d["collection"]["device_time_ms"].get<double>() <= d["collection"]["duration_ms"].get<double>());
    }
    CHECK(c["rpcs_sent"] == sent);
    CHECK(c["device_time_ms"].get<double>() == doctest::Approx(device_ms).epsilon(0.01));
    CHECK(c["wall_time_ms"].get<double>() > 0);

    const Run unbounded = report_in(e2e::lab_path("mixed"), {"--timeout", "0", "--max-time", "0"});
    CHECK(unbounded.doc["collection"]["device_timeout_s"].is_null());
    CHECK(unbounded.doc["collection"]["max_time_s"].is_null());
}

TEST_CASE("a device that does not answer within --timeout is reported timed_out while the others are complete")
{
    const e2e::TempDir dir;
    const auto lab = hung_lab(dir);
    for (const char* jobs : {"1", "4"}) {
        CAPTURE(jobs);
        const Run run = report_in(lab, {"--timeout", "1", "--jobs", jobs});
        CHECK(run.outcome.exit_code == 1);
        CHECK(run.seconds < 15);  // the reply that never comes was not waited for

        const json& bnxt = device(run.doc, "fwctl3");
        CHECK(bnxt["status"] == "timed_out");
        CHECK(bnxt["type"] == "bnxt");           // FWCTL_INFO, from before the hang, is kept
        CHECK(bnxt["plugin"] == "bnxt");
        CHECK(bnxt["collection"]["rpcs_sent"].get<int>() >= 1);  // HWRM_VER_GET came first
        REQUIRE_FALSE(bnxt["errors"].empty());
        const json& e = bnxt["errors"].back();
        CHECK(e["stage"] == "timeout");
        CHECK(e["what"] == "fwctl3 HWRM_NVM_GET_DEV_INFO");
        CHECK(e["errno_name"] == "ETIMEDOUT");
        CHECK(e["message"].get<std::string>().find("--timeout 1 s") != std::string::npos);

        for (const char* name : {"fwctl0", "fwctl2", "fwctl4", "fwctl5"}) {
            CHECK(device(run.doc, name)["status"] == "ok");
        }
        CHECK(device(run.doc, "fwctl1")["status"] == "partial");  // the lab's refusals
        CHECK(run.doc["collection"]["devices_timed_out"] == 1);
        CHECK(run.doc["taint"]["after"]["value"] == 4096);  // read after all devices
    }
}

TEST_CASE("--max-time stops the device under way and reports the devices not started")
{
    const e2e::TempDir dir;
    const Run run = report_in(hung_lab(dir), {"--timeout", "0", "--max-time", "1", "--jobs", "1"});
    CHECK(run.outcome.exit_code == 1);
    CHECK(run.seconds < 15);
    for (const char* name : {"fwctl0", "fwctl2"}) {
        CHECK(device(run.doc, name)["status"] == "ok");
    }
    const json& hung = device(run.doc, "fwctl3");
    CHECK(hung["status"] == "timed_out");
    CHECK(hung["errors"].back()["message"].get<std::string>().find("--max-time 1 s") != std::string::npos);
    for (const char* name : {"fwctl4", "fwctl5"}) {
        const json& late = device(run.doc, name);
        CHECK(late["status"] == "timed_out");
        CHECK(late["info"].is_null());
        CHECK(late["errors"].back()["stage"] == "timeout");
        CHECK(late["errors"].back()["message"].get<std::string>().find("not collected") != std::string::npos);
    }
    CHECK(run.doc["collection"]["devices_timed_out"] == 3);
}

TEST_CASE("--jobs, --timeout and --max-time reject values out of range with a usage error")
{
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--jobs", "0"}, {"--jobs", "65"}, {"--timeout", "-1"}, {"--max-time", "nan"}, {"--timeout", "x"}}) {
        std::vector<std::string> argv{FWCTL_REPORT_BIN};
        argv.insert(argv.end(), args.begin(), args.end());
        const auto o = e2e::run(argv);
        CAPTURE(args.front() + " " + args.back());
        CHECK(o.exit_code == 2);
        CHECK(o.err.find(args.front()) != std::string::npos);
    }
}
