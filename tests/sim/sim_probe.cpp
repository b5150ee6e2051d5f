// sim_probe: a tiny fwctl client for fwctl-sim's smoke tests.
//
// Enumerates fwctl devices with libudev, opens each node, does FWCTL_INFO and one
// identity RPC per known type (mlx5 QUERY_ADAPTER, bnxt VER_GET, CXL Get Supported
// Features), all at scope <= DEBUG_READ_ONLY, and prints one line per device plus the
// host's taint/lockdown/module lines. Options make it a self-checking test:
//   --expect LINE       LINE must be printed exactly (repeatable)
//   --expect-devices N  exactly N fwctl devices
//   --check-log FILE    the fwctl-sim RPC log (records written after we started) must
//                       hold exactly our INFO/RPC calls, all at scope <= 1, no taint
// Exit 0 when every check holds.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/sim/probe_util.hpp"

namespace {

using namespace fwctl::probe;
using Bytes = std::vector<uint8_t>;

struct Counters {
    int infos = 0;
    int rpcs = 0;
};

std::string read_trimmed(const std::string& path) {
    std::ifstream in(path);
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
        s.pop_back();
    return in ? s : "<missing>";
}

std::string hex(uint64_t v) {
    std::ostringstream o;
    o << "0x" << std::hex << v;
    return o.str();
}

std::string hex_bytes(const Bytes& b, size_t off, size_t n) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string s;
    for (size_t i = off; i < off + n && i < b.size(); ++i) {
        s.push_back(kDigits[b[i] >> 4]);
        s.push_back(kDigits[b[i] & 0xf]);
    }
    return s;
}

std::string uuid_text(const Bytes& b, size_t off) {
    const std::string h = hex_bytes(b, off, 16);
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
           "-" + h.substr(20);
}

std::string strip0x(const std::string& s) { return s.starts_with("0x") ? s.substr(2) : s; }

void mlx5_query_adapter(int fd, std::string& line, Counters& n) {
    Bytes in(16, 0), out(0x110, 0);
    in[0] = 0x01;  // QUERY_ADAPTER 0x101, big-endian
    in[1] = 0x01;
    uint32_t out_len = 0;
    const int err = fwctl_rpc_call(fd, FWCTL_RPC_DEBUG_READ_ONLY, in, out, out_len);
    ++n.rpcs;
    line += " rpc=" + errno_text(err);
    if (err)
        return;
    const uint32_t ieee = static_cast<uint32_t>(out[0x29]) << 16 | out[0x2a] << 8 | out[0x2b];
    line += " out_len=" + std::to_string(out_len) + " status=" + hex(out[0]) +
            " psid=" + ascii(out, 0x100, 16) + " vendor=" + hex(ieee) + "/" + hex(be16(out, 0x2e));
}

void bnxt_ver_get(int fd, std::string& line, Counters& n) {
    Bytes in(24, 0), out(704, 0);
    in[2] = in[3] = 0xff;  // cmpl_ring
    in[4] = 1;             // seq_id
    in[6] = in[7] = 0xff;  // target_id
    in[16] = 1;            // hwrm_intf_maj/min/upd the client speaks: 1.10.3
    in[17] = 10;
    in[18] = 3;
    uint32_t out_len = 0;
    const int err = fwctl_rpc_call(fd, FWCTL_RPC_DEBUG_READ_ONLY, in, out, out_len);
    ++n.rpcs;
    line += " rpc=" + errno_text(err);
    if (err)
        return;
    line += " out_len=" + std::to_string(out_len) + " error_code=" + hex(le16(out, 0)) +
            " resp_len=" + std::to_string(le16(out, 6)) + " fw=" + std::to_string(le16(out, 136)) +
            "." + std::to_string(le16(out, 138)) + "." + std::to_string(le16(out, 140)) + "." +
            std::to_string(le16(out, 142)) + " pkg=" + ascii(out, 80, 16) + " chip=" + hex(le16(out, 112));
}

// struct fwctl_rpc_cxl + cxl_mbox_get_sup_feats_in; returns the reply or empty on error.
Bytes cxl_get_supported(int fd, uint32_t count, int& err, Counters& n) {
    Bytes in(48, 0), out(24 + count, 0);
    const uint32_t header[4] = {0x0500, 0, 8, 0};  // opcode, flags, op_size, reserved1
    std::memcpy(in.data(), header, sizeof(header));
    std::memcpy(in.data() + 16, &count, sizeof(count));  // __le32 count (x86 host)
    uint32_t out_len = 0;
    err = fwctl_rpc_call(fd, FWCTL_RPC_CONFIGURATION, in, out, out_len);
    ++n.rpcs;
    return err ? Bytes{} : out;
}

void cxl_features(int fd, std::string& line, Counters& n) {
    int err = 0;
    const Bytes first = cxl_get_supported(fd, 0, err, n);
    line += " rpc=" + errno_text(err);
    if (err)
        return;
    const uint16_t supported = le16(first, 10);
    const Bytes all = cxl_get_supported(fd, 48u * supported, err, n);
    if (err) {
        line += " rpc2=" + errno_text(err);
        return;
    }
    line += " supported=" + std::to_string(supported) + " entries=" + std::to_string(le16(all, 8));
    if (le16(all, 8) > 0)
        line += " uuid0=" + uuid_text(all, 16);
}

std::string probe_device(const FoundDevice& d, Counters& n) {
    std::string line = d.name + " parent=" + d.parent_subsystem + ":" + d.parent_name +
                       " driver=" + d.parent_driver;
    if (d.parent_subsystem != "pci" && !d.pci_address.empty())
        line += " pci=" + d.pci_address;
    line += " id=" + strip0x(d.pci_vendor) + ":" + strip0x(d.pci_device);
    if (!d.memdev_fw.empty())
        line += " fw=" + d.memdev_fw;

    UniqueFd fd(::open(d.devnode.c_str(), O_RDWR | O_CLOEXEC));
    if (!fd)
        return line + " open=" + errno_text(errno);

    Bytes data(256, 0xaa);  // the kernel must zero-fill what the driver does not write
    fwctl_info info{};
    info.size = sizeof(info);
    info.device_data_len = static_cast<uint32_t>(data.size());
    info.out_device_data = reinterpret_cast<uintptr_t>(data.data());
    const int err = fwctl_info_call(fd.get(), info);
    ++n.infos;
    line += " info=" + errno_text(err);
    if (err)
        return line;
    const size_t len = std::min<size_t>(info.device_data_len, data.size());
    const bool padded = std::all_of(data.begin() + static_cast<std::ptrdiff_t>(len), data.end(),
                                    [](uint8_t b) { return b == 0; });
    line = d.name + " type=" + std::to_string(info.out_device_type) + line.substr(d.name.size()) +
           " info_len=" + std::to_string(info.device_data_len) + (padded ? "" : " PADDING-NOT-ZERO");

    switch (info.out_device_type) {
    case FWCTL_DEVICE_TYPE_MLX5:
        line += " uid=" + std::to_string(host32(data, 0)) + " uctx_caps=" + hex(host32(data, 4));
        mlx5_query_adapter(fd.get(), line, n);
        break;
    case FWCTL_DEVICE_TYPE_CXL:
        cxl_features(fd.get(), line, n);
        break;
    case FWCTL_DEVICE_TYPE_BNXT:
        line += " uctx_caps=" + hex(host32(data, 0));
        bnxt_ver_get(fd.get(), line, n);
        break;
    case FWCTL_DEVICE_TYPE_PDS:
        break;
    default:
        line += " data=" + hex_bytes(data, 0, len);
        break;
    }
    return line;
}

// Checks the RPC log records appended since `offset`; returns problems found.
std::vector<std::string> check_log(const std::string& path, std::streamoff offset, const Counters& n,
                                   const std::string& taint_at_start) {
    std::vector<std::string> problems;
    std::ifstream in(path);
    in.seekg(offset);
    int infos = 0, rpcs = 0;
    uint64_t max_scope = 0;
    std::string text;
    while (std::getline(in, text)) {
        const auto rec = nlohmann::json::parse(text, nullptr, false);
        if (rec.is_discarded()) {
            problems.push_back("log: not JSON: " + text);
            continue;
        }
        if (rec.at("ioctl") == "INFO")
            ++infos;
        if (rec.at("ioctl") != "RPC")
            continue;
        ++rpcs;
        max_scope = std::max<uint64_t>(max_scope, rec.at("scope"));
        if (rec.at("scope") > 1 || rec.at("tainted_kernel") == true)
            problems.push_back("log: write-scope RPC: " + text);
    }
    if (infos != n.infos || rpcs != n.rpcs)
        problems.push_back("log: " + std::to_string(infos) + " INFO / " + std::to_string(rpcs) +
                           " RPC records, but we sent " + std::to_string(n.infos) + " / " +
                           std::to_string(n.rpcs));
    if (read_trimmed("/proc/sys/kernel/tainted") != taint_at_start)
        problems.push_back("taint changed: " + read_trimmed("/proc/sys/kernel/tainted"));
    std::printf("log infos=%d rpcs=%d max_scope=%llu\n", infos, rpcs,
                static_cast<unsigned long long>(max_scope));
    return problems;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> expect;
    long expect_devices = -1;
    std::string log_path;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--expect")
            expect.emplace_back(argv[i + 1]);
        else if (a == "--expect-devices")
            expect_devices = std::stol(argv[i + 1]);
        else if (a == "--check-log")
            log_path = argv[i + 1];
        else {
            std::fprintf(stderr, "sim_probe: unknown option %s\n", a.c_str());
            return 2;
        }
    }
    std::streamoff log_start = 0;
    if (!log_path.empty() && std::filesystem::exists(log_path))
        log_start = static_cast<std::streamoff>(std::filesystem::file_size(log_path));

    std::vector<std::string> lines;
    const std::string taint = read_trimmed("/proc/sys/kernel/tainted");
    lines.push_back("host taint=" + taint + " lockdown=" + read_trimmed("/sys/kernel/security/lockdown"));
    std::set<std::string> modules;
    std::error_code ec;
    for (const auto& m : std::filesystem::directory_iterator("/sys/module", ec))
        modules.insert(m.path().filename().string());
    for (const auto& m : modules)
        lines.push_back("module " + m + " taint=" + read_trimmed("/sys/module/" + m + "/taint"));

    Counters n;
    const auto devices = find_fwctl_devices();
    for (const auto& d : devices)
        lines.push_back(probe_device(d, n));
    for (const auto& l : lines)
        std::printf("%s\n", l.c_str());

    std::vector<std::string> problems;
    for (const auto& e : expect)
        if (std::find(lines.begin(), lines.end(), e) == lines.end())
            problems.push_back("MISSING: " + e);
    if (expect_devices >= 0 && static_cast<long>(devices.size()) != expect_devices)
        problems.push_back("expected " + std::to_string(expect_devices) + " devices, found " +
                           std::to_string(devices.size()));
    if (!log_path.empty())
        for (auto& p : check_log(log_path, log_start, n, taint))
            problems.push_back(std::move(p));
    for (const auto& p : problems)
        std::printf("%s\n", p.c_str());
    std::printf("%s\n", problems.empty() ? "PROBE OK" : "PROBE FAILED");
    return problems.empty() ? 0 : 1;
}
