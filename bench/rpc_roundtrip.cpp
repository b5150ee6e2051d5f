// rpc_roundtrip: the round trip of ONE emulated call, for bench/run's floor.
//
//   rpc_roundtrip [--device /dev/fwctl/fwctl0] [-n N]
//
// Opens one mlx5 node the way fwctl-report does (FwctlDevice), then times N
// FWCTL_INFO calls and N QUERY_ADAPTER RPCs, one at a time, each through the same
// code the tool uses: FwctlDevice::info() and RpcChannel::call() with the mlx5
// plugin's allowlist rule, so the read-only guard checks every request. Prints one
// JSON line: {"n":N,"info_us":median,"rpc_us":median,"info_us_min":..,"rpc_us_min":..}.
// Run it inside fwctl-sim on the lab being measured (bench/run does).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "collector/fwctl_device.hpp"
#include "collector/rpc_channel.hpp"
#include "plugins/mlx5/mlx5_allowlist.hpp"
#include "plugins/mlx5/mlx5_wire.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double min_of(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

// Times `call` n times; each sample in microseconds. Stops at the first failure.
template <class Call>
bool sample(int n, std::vector<double>& out, Call call) {
    for (int i = 0; i < n; ++i) {
        const auto start = Clock::now();
        if (!call())
            return false;
        out.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    }
    return true;
}

int usage() {
    std::fputs("usage: rpc_roundtrip [--device /dev/fwctl/fwctlN (an mlx5 device)] [-n N]\n", stderr);
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::string devnode = "/dev/fwctl/fwctl0";
    int n = 200;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--device" && i + 1 < argc)
            devnode = argv[++i];
        else if (a == "-n" && i + 1 < argc)
            n = std::atoi(argv[++i]);
        else
            return usage();
    }
    if (n < 1)
        return usage();

    auto device = fwctl::FwctlDevice::open(devnode.substr(devnode.rfind('/') + 1), devnode);
    if (!device) {
        std::fprintf(stderr, "rpc_roundtrip: cannot open %s: %s\n", devnode.c_str(),
                     device.error().detail.c_str());
        return 1;
    }
    namespace mlx5 = fwctl::plugins::mlx5;
    fwctl::RpcChannel channel(*device, mlx5::allowlist());
    const auto request = mlx5::build_query_adapter();

    std::vector<double> info_us, rpc_us;
    const bool ok = sample(n, info_us, [&] { return device->info().has_value(); }) &&
                    sample(n, rpc_us, [&] {
                        return channel.call(mlx5::query_adapter_rule(), request,
                                            mlx5::query_adapter_out_len).has_value();
                    });
    if (!ok) {
        std::fprintf(stderr, "rpc_roundtrip: a call to %s failed (is it an mlx5 device?)\n",
                     devnode.c_str());
        return 1;
    }
    std::printf("{\"n\":%d,\"info_us\":%.1f,\"rpc_us\":%.1f,\"info_us_min\":%.1f,\"rpc_us_min\":%.1f}\n", n,
                median(info_us), median(rpc_us), min_of(info_us), min_of(rpc_us));
    return 0;
}
