// sim_abi_probe: checks fwctl-sim's emulation of the fwctl ioctl ABI from the client
// side, under fwctl-sim with tests/labs/sim-abi.yaml. Each check prints "ok NAME" or
// "FAIL NAME: why"; exit 1 if any failed. Argument: the RPC log file fwctl-sim writes.
//
// These are the cases where umockdev's memory protocol is easy to get wrong: struct
// tails (size > sizeof), buffers that must stay untouched, NULL pointers, in-band vs
// errno failures, delayed completion, and the taint the kernel adds for scope >= 2.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/sim/probe_util.hpp"

namespace {

using namespace fwctl::probe;
using Bytes = std::vector<uint8_t>;
using Clock = std::chrono::steady_clock;

constexpr const char* kDev = "/dev/fwctl/fwctl0";
constexpr uint32_t kUid = 0x1234;  // sim-abi.yaml fwctl0 state.uid
int g_failures = 0;

void check(const char* name, bool ok, const std::string& why = "") {
    std::printf("%s %s%s%s\n", ok ? "ok" : "FAIL", name, ok ? "" : ": ", ok ? "" : why.c_str());
    g_failures += ok ? 0 : 1;
}

UniqueFd open_dev(const char* path = kDev) { return UniqueFd(::open(path, O_RDWR | O_CLOEXEC)); }

// An mlx5 mailbox: opcode and op_mod big-endian, the rest zero.
Bytes mbox(uint16_t opcode, uint16_t op_mod = 0, size_t len = 16) {
    Bytes b(len, 0);
    b[0] = static_cast<uint8_t>(opcode >> 8);
    b[1] = static_cast<uint8_t>(opcode);
    b[6] = static_cast<uint8_t>(op_mod >> 8);
    b[7] = static_cast<uint8_t>(op_mod);
    return b;
}

std::string read_trimmed(const char* path) {
    std::ifstream in(path);
    std::string s;
    std::getline(in, s);
    return s;
}

void info_checks(int fd) {
    {  // size > sizeof with a zero tail is accepted, and nothing of ours is clobbered
        struct {
            fwctl_info info;
            uint8_t tail[8];
        } s{};
        Bytes data(16, 0);
        s.info.size = sizeof(s);
        s.info.device_data_len = 16;
        s.info.out_device_data = reinterpret_cast<uintptr_t>(data.data());
        const int err = fwctl_info_call(fd, s.info);
        check("info_zero_tail", err == 0 && s.info.size == sizeof(s) && s.info.flags == 0 &&
                                    s.info.out_device_type == 1 && s.info.device_data_len == 8 &&
                                    s.info.out_device_data == reinterpret_cast<uintptr_t>(data.data()) &&
                                    host32(data, 0) == kUid,
              errno_text(err));
    }
    {  // a non-zero tail is E2BIG and the struct is left alone
        struct {
            fwctl_info info;
            uint8_t tail[8];
        } s{};
        s.info.size = sizeof(s);
        s.info.out_device_type = 0xdead;
        s.tail[3] = 1;
        const int err = fwctl_info_call(fd, s.info);
        check("info_nonzero_tail_e2big",
              err == E2BIG && s.info.size == sizeof(s) && s.info.out_device_type == 0xdead && s.tail[3] == 1,
              errno_text(err));
    }
    fwctl_info info{};
    info.size = 16;
    check("info_short_size_einval", fwctl_info_call(fd, info) == EINVAL);
    info = {};
    info.size = sizeof(info);
    info.flags = 1;
    check("info_flags_eopnotsupp", fwctl_info_call(fd, info) == EOPNOTSUPP);
    info = {};
    info.size = sizeof(info);
    int err = fwctl_info_call(fd, info);
    check("info_no_buffer", err == 0 && info.out_device_type == 1 && info.device_data_len == 0,
          errno_text(err));
    {  // a short buffer gets min(len) bytes; the bytes after it stay untouched
        Bytes data(12, 0xaa);
        info = {};
        info.size = sizeof(info);
        info.device_data_len = 4;
        info.out_device_data = reinterpret_cast<uintptr_t>(data.data());
        err = fwctl_info_call(fd, info);
        check("info_short_buffer",
              err == 0 && info.device_data_len == 8 && host32(data, 0) == kUid && data[4] == 0xaa &&
                  data[11] == 0xaa,
              errno_text(err));
    }
    info = {};
    info.size = sizeof(info);
    info.device_data_len = 8;
    check("info_null_buffer_efault", fwctl_info_call(fd, info) == EFAULT);
}

void rpc_checks(int fd) {
    uint32_t out_len = 0;
    {
        fwctl_rpc rpc{};
        rpc.size = sizeof(rpc);
        const unsigned long iowr = 0xC0209A01;  // _IOWR('\x9a', 1, struct fwctl_rpc): wrong
        check("wrong_ioctl_number_enotty", xioctl(fd, iowr, &rpc) == ENOTTY);
    }
    Bytes in = mbox(0x101), out(0x110, 0);
    check("rpc_scope4_eopnotsupp", fwctl_rpc_call(fd, 4, in, out, out_len) == EOPNOTSUPP);
    {
        fwctl_rpc rpc{};
        rpc.size = sizeof(rpc);
        rpc.scope = 1;
        rpc.in_len = FWCTL_MAX_RPC_LEN + 1;  // never read: in stays NULL
        rpc.out_len = 16;
        check("rpc_too_long_emsgsize", xioctl(fd, FWCTL_RPC, &rpc) == EMSGSIZE);
        rpc.in_len = 16;
        check("rpc_null_in_efault", xioctl(fd, FWCTL_RPC, &rpc) == EFAULT);
    }
    Bytes short_in(8, 0);
    check("mlx5_short_in_emsgsize", fwctl_rpc_call(fd, 1, short_in, out, out_len) == EMSGSIZE);

    Bytes reg_read = mbox(0x805, 1, 16 + 160), reg_out(16 + 160, 0);
    reg_read[10] = 0x90;  // register_id MGIR 0x9020
    reg_read[11] = 0x20;
    check("access_reg_read_scope0_ebadmsg", fwctl_rpc_call(fd, 0, reg_read, reg_out, out_len) == EBADMSG);
    int err = fwctl_rpc_call(fd, 1, reg_read, reg_out, out_len);
    check("access_reg_read_scope1_inband_bad_op",
          err == 0 && reg_out[0] == 0x02 && be32(reg_out, 4) == 1 && out_len == reg_out.size(),
          errno_text(err));

    Bytes big(4096, 0);
    err = fwctl_rpc_call(fd, 1, in, big, out_len);
    check("query_adapter_out_len_is_callers", err == 0 && out_len == 4096 && ascii(big, 0x100, 16) == "MT_0000000838",
          errno_text(err) + " out_len " + std::to_string(out_len));
    {  // out_len 16 of a 64-byte buffer: only 16 bytes may be written
        Bytes small(64, 0xaa);
        fwctl_rpc rpc{};
        rpc.size = sizeof(rpc);
        rpc.scope = 1;
        rpc.in_len = 16;
        rpc.out_len = 16;
        rpc.in = reinterpret_cast<uintptr_t>(in.data());
        rpc.out = reinterpret_cast<uintptr_t>(small.data());
        err = xioctl(fd, FWCTL_RPC, &rpc);
        check("rpc_writes_only_out_len", err == 0 && rpc.out_len == 16 && small[0] == 0 && small[16] == 0xaa &&
                                             small[63] == 0xaa,
              errno_text(err));
    }
    for (const uint8_t tail_byte : {uint8_t{0}, uint8_t{1}}) {
        struct {
            fwctl_rpc rpc;
            uint8_t tail[8];
        } s{};
        s.rpc.size = sizeof(s);
        s.rpc.scope = 1;
        s.rpc.in_len = 16;
        s.rpc.out_len = static_cast<uint32_t>(out.size());
        s.rpc.in = reinterpret_cast<uintptr_t>(in.data());
        s.rpc.out = reinterpret_cast<uintptr_t>(out.data());
        s.tail[7] = tail_byte;
        err = xioctl(fd, FWCTL_RPC, &s.rpc);
        const bool intact = s.rpc.size == sizeof(s) && s.rpc.scope == 1 &&
                            s.rpc.in == reinterpret_cast<uintptr_t>(in.data()) &&
                            s.rpc.out == reinterpret_cast<uintptr_t>(out.data()) && s.tail[7] == tail_byte;
        if (tail_byte == 0)
            check("rpc_zero_tail", err == 0 && intact && s.rpc.out_len == 0x110, errno_text(err));
        else
            check("rpc_nonzero_tail_e2big", err == E2BIG && intact && s.rpc.out_len == out.size(),
                  errno_text(err));
    }
}

void reply_checks(int fd) {
    uint32_t out_len = 0;
    Bytes in = mbox(0x10c), out(64, 0);
    const auto start = Clock::now();
    int err = fwctl_rpc_call(fd, 1, in, out, out_len);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    check("reply_override_delayed", err == 0 && ms >= 390 && out_len == 20 && ascii(out, 16, 4) == "ABCD",
          errno_text(err) + " after " + std::to_string(ms) + " ms, out_len " + std::to_string(out_len));

    Bytes hca = mbox(0x100);
    check("reply_override_errno", fwctl_rpc_call(fd, 1, hca, out, out_len) == EIO);

    // While one client waits for a delayed reply (400 ms), the worker serves another
    // client at once; if it were blocked, the INFO below would take over 350 ms.
    std::thread slow([&] {
        Bytes in2 = mbox(0x10c), out2(64, 0);
        uint32_t len2 = 0;
        UniqueFd fd2 = open_dev();
        fwctl_rpc_call(fd2.get(), 1, in2, out2, len2);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    UniqueFd fd3 = open_dev();
    fwctl_info info{};
    info.size = sizeof(info);
    const auto t0 = Clock::now();
    err = fwctl_info_call(fd3.get(), info);
    const auto info_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
    slow.join();
    check("delay_does_not_block_others", err == 0 && info_ms < 250, std::to_string(info_ms) + " ms");
}

void sysfs_checks() {
    const auto devices = find_fwctl_devices();
    auto find = [&](const std::string& name) -> const FoundDevice* {
        for (const auto& d : devices)
            if (d.name == name)
                return &d;
        return nullptr;
    };
    const FoundDevice* d0 = find("fwctl0");
    const FoundDevice* d1 = find("fwctl1");
    const FoundDevice* d7 = find("fwctl7");
    check("enumerate_three", devices.size() == 3 && d0 && d1 && d7);
    check("pci_parent_and_driver", d0 && d0->parent_subsystem == "pci" && d0->parent_name == "0000:03:00.0" &&
                                       d0->parent_driver == "mlx5_core" && d0->pci_vendor == "0x15b3");
    check("driver_dir_links_device", ::access("/sys/bus/pci/drivers/mlx5_core/0000:03:00.0/vendor", F_OK) == 0);
    check("virtual_parent", d1 && d1->syspath == "/sys/devices/virtual/fwctl/fwctl1" && d1->parent_name.empty() &&
                                ::access("/sys/class/fwctl/fwctl1/device", F_OK) != 0);
    struct stat st{};
    check("stat_char_device", ::stat(kDev, &st) == 0 && S_ISCHR(st.st_mode) && major(st.st_rdev) == 511 &&
                                  minor(st.st_rdev) == 0);
    UniqueFd missing = open_dev("/dev/fwctl/fwctl7");
    check("missing_node_enoent", !missing && errno == ENOENT, errno_text(errno));
}

// Last: the kernel taints for scope 2 before the driver rejects the command.
void taint_check(int fd) {
    const std::string before = read_trimmed("/proc/sys/kernel/tainted");
    uint32_t out_len = 0;
    Bytes in = mbox(0x0fff), out(16, 0);  // no such opcode: the driver says EBADMSG
    const int err = fwctl_rpc_call(fd, 2, in, out, out_len);
    const std::string after = read_trimmed("/proc/sys/kernel/tainted");
    check("scope2_taints_before_driver", before == "0" && err == EBADMSG && after == "524288",
          errno_text(err) + " taint " + before + " -> " + after);
}

// Reads the records fwctl-sim appended after `offset` (earlier runs may share the file).
void log_checks(const std::string& path, std::streamoff offset) {
    std::ifstream in(path);
    in.seekg(offset);
    std::string text;
    bool uid_forced = false, delayed = false, tainted = false, enotty = false;
    while (std::getline(in, text)) {
        const auto rec = nlohmann::json::parse(text, nullptr, false);
        if (rec.is_discarded())
            continue;
        if (rec.value("op", "") == "QUERY_ADAPTER")
            uid_forced = uid_forced || rec["request_hex"].get<std::string>().substr(0, 8) == "01011234";
        if (rec.value("op", "") == "QUERY_DRIVER_VERSION" && rec["source"] == "replies[0]")
            delayed = delayed || rec["delay_ms"] == 400;
        if (rec.value("tainted_kernel", false))
            tainted = rec["errno_name"] == "EBADMSG" && rec["taint"] == 524288 && rec["scope"] == 2;
        if (rec["ioctl"] == "OTHER")
            enotty = enotty || rec["errno_name"] == "ENOTTY";
    }
    check("log_request_after_uid_rewrite", uid_forced);
    check("log_reply_override_and_delay", delayed);
    check("log_taint_record", tainted);
    check("log_other_ioctl", enotty);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: sim_abi_probe RPCLOG.jsonl (run under fwctl-sim)\n");
        return 2;
    }
    std::streamoff log_start = 0;
    if (std::ifstream existing{argv[1], std::ios::ate})
        log_start = existing.tellg();
    UniqueFd fd = open_dev();
    if (!fd) {
        std::printf("FAIL open %s: %s\n", kDev, errno_text(errno).c_str());
        return 1;
    }
    info_checks(fd.get());
    rpc_checks(fd.get());
    reply_checks(fd.get());
    sysfs_checks();
    taint_check(fd.get());
    log_checks(argv[1], log_start);
    std::printf("%s (%d failed)\n", g_failures ? "ABI PROBE FAILED" : "ABI PROBE OK", g_failures);
    return g_failures ? 1 : 0;
}
