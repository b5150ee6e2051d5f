// fwctl-sim: run a command against emulated fwctl devices.
//
//   fwctl-sim --lab LAB.yaml [--log RPCLOG.jsonl] -- COMMAND [ARGS...]
//
// Builds the lab in a umockdev testbed, answers FWCTL_INFO/FWCTL_RPC as the kernel
// and its drivers would, runs COMMAND (with UMOCKDEV_DIR, LD_PRELOAD and FWCTL_SIM=1)
// and exits with its exit code. Exit 125: fwctl-sim itself failed (bad lab, setup).
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <unistd.h>
#include <vector>

#include "tests/sim/child_process.hpp"
#include "tests/sim/ioctl_bridge.hpp"
#include "tests/sim/lab.hpp"
#include "tests/sim/preload.hpp"
#include "tests/sim/testbed.hpp"

namespace {

using namespace fwctl::sim;

constexpr int kSimFailed = 125;

struct Options {
    std::string lab;
    std::string log;  // empty: no log
    std::vector<std::string> command;
};

void usage(FILE* to) {
    std::fputs("usage: fwctl-sim --lab LAB.yaml [--log RPCLOG.jsonl] -- COMMAND [ARGS...]\n"
               "Runs COMMAND against the emulated fwctl devices of LAB.yaml (umockdev).\n"
               "The log (or $FWCTL_SIM_LOG) gets one JSON line per ioctl. Exit status: the\n"
               "command's, 128+N if it died of signal N, 125 if fwctl-sim failed.\n",
               to);
}

int fail(const std::string& message) {
    std::fprintf(stderr, "fwctl-sim: %s\n", message.c_str());
    return kSimFailed;
}

std::optional<Options> parse_args(int argc, char** argv, std::string& error) {
    auto bad = [&](std::string message) {
        error = std::move(message);
        return std::optional<Options>();
    };
    Options o;
    int i = 1;
    for (; i < argc; ++i) {
        const std::string a = argv[i];
        // "--flag VALUE" or "--flag=VALUE"
        auto value = [&](const std::string& flag) -> std::optional<std::string> {
            if (a.starts_with(flag + "="))
                return a.substr(flag.size() + 1);
            if (a == flag && i + 1 < argc)
                return std::string(argv[++i]);
            return std::nullopt;
        };
        if (a == "--") {
            ++i;
            break;
        }
        if (a == "-h" || a == "--help") {
            usage(stdout);
            std::exit(0);
        }
        if (a == "--lab" || a.starts_with("--lab=")) {
            auto v = value("--lab");
            if (!v)
                return bad("--lab needs a file");
            o.lab = *v;
        } else if (a == "--log" || a.starts_with("--log=")) {
            auto v = value("--log");
            if (!v)
                return bad("--log needs a file");
            o.log = *v;
        } else if (a.starts_with("-")) {
            return bad("unknown option " + a);
        } else {
            break;  // the command starts here
        }
    }
    o.command.assign(argv + i, argv + argc);
    if (o.lab.empty())
        return bad("--lab is required");
    if (o.command.empty())
        return bad("no command given");
    if (o.log.empty() && std::getenv("FWCTL_SIM_LOG"))
        o.log = std::getenv("FWCTL_SIM_LOG");
    return o;
}

// A missing emulated node makes open() fall through to the host's real /dev: never
// let that reach real hardware.
std::string check_missing_nodes(const Lab& lab) {
    for (const LabDevice& d : lab.devices)
        if (!d.create_node && ::access(("/dev/fwctl/" + d.state.name).c_str(), F_OK) == 0)
            return "this host has a real /dev/fwctl/" + d.state.name +
                   "; refusing to emulate it as missing";
    return "";
}

}  // namespace

int main(int argc, char** argv) {
    std::string error;
    const auto opts = parse_args(argc, argv, error);
    if (!opts) {
        usage(stderr);
        return fail(error);
    }
    if (error = ensure_preloaded(argv); !error.empty())
        return fail(error);

    const auto lab = load_lab_file(opts->lab);
    if (!lab)
        return fail(lab.error());
    if (error = check_missing_nodes(*lab); !error.empty())
        return fail(error);

    std::unique_ptr<RpcLog> log;
    if (!opts->log.empty()) {
        auto opened = RpcLog::open(opts->log);
        if (!opened)
            return fail(opened.error());
        log = std::move(*opened);
    }

    block_forwarded_signals();  // before umockdev starts its worker thread
    KernelState kernel(lab->taint, lab->cap_sys_rawio);
    std::vector<const DeviceState*> devices;
    for (const LabDevice& d : lab->devices)
        devices.push_back(&d.state);
    IoctlBridge bridge(kernel, devices, log.get());  // outlives the testbed below

    auto testbed = Testbed::create(*lab, bridge.handler());
    if (!testbed)
        return fail(testbed.error());
    Testbed& tb = **testbed;
    kernel.set_taint_observer([&tb](uint64_t taint) { tb.write_taint(taint); });

    const auto env = make_child_env(
        {"UMOCKDEV_DIR=" + tb.root(), "FWCTL_SIM=1",
         "ASAN_OPTIONS=" + asan_options_with_link_order_off(std::getenv("ASAN_OPTIONS"))},
        {});
    const int code = run_child(opts->command, env, error);
    if (!error.empty())
        std::fprintf(stderr, "fwctl-sim: %s\n", error.c_str());

    kernel.set_taint_observer({});
    bridge.drop_pending();
    testbed->reset();  // removes the testbed directory
    return code;
}
