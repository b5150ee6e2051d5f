// Unit tests of fwctl-sim's pure parts: lab parsing, the generic fwctl layer
// (kernel_sim) and the RPC log records. Vendor modules: test_sim_modules.cpp.
#include <doctest/doctest.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "tests/sim/rpc_log.hpp"
#include "tests/sim/sim_registry.hpp"
#include "tests/sim/sim_test_util.hpp"

using namespace fwctl::sim;
using namespace fwctl::sim::test;

namespace {

const std::string kDevHead = "devices:\n  - name: fwctl0\n    type: mlx5\n    parent: null\n";

}  // namespace

TEST_CASE("parse_lab reads the top-level keys and their defaults") {
    auto lab = parse_lab("taint: 4096\nlockdown: \"[none] integrity\"\nmodules: {bnxt_en: O, mlx5_core: \"\"}\n"
                         "devices: []\n",
                         "t.yaml");
    REQUIRE(lab);
    CHECK(lab->major == 511);
    CHECK(lab->taint == 4096);
    CHECK(lab->lockdown == "[none] integrity");
    CHECK(lab->cap_sys_rawio);
    REQUIRE(lab->modules.size() == 2);
    CHECK(lab->modules[0] == SysAttr{"bnxt_en", "O"});
    CHECK(lab->modules[1] == SysAttr{"mlx5_core", ""});
    CHECK(lab->devices.empty());
}

TEST_CASE("parse_lab reads a device with a PCI parent, memdev, replies and faults") {
    const std::string text = R"(major: 500
devices:
  - name: fwctl3
    type: cxl
    parent:
      address: "0000:0d:00.0"
      driver: cxl_pci
      attrs: {vendor: "0x8086", numa_node: 1}
      memdev: {name: mem2, attrs: {serial: "0x1"}}
    info_hex: "01 02"
    replies:
      - {match: "00??05", scope: 1, reply_hex: "aa", delay_ms: 5}
      - {match: "", errno: EIO}
    faults: {info_errno: ENODEV, node: missing}
)";
    auto lab = parse_lab(text, "t.yaml");
    REQUIRE_MESSAGE(lab, (lab ? "" : lab.error()));
    const LabDevice& d = lab->devices.at(0);
    CHECK(lab->major == 500);
    CHECK(d.minor == 3);
    CHECK(d.state.type_id == FWCTL_DEVICE_TYPE_CXL);
    CHECK(d.state.module == &cxl_sim_module());
    REQUIRE(d.parent);
    CHECK(d.parent->address == "0000:0d:00.0");
    CHECK(d.parent->driver == "cxl_pci");
    CHECK(d.parent->attrs[1] == SysAttr{"numa_node", "1"});
    REQUIRE(d.parent->memdev);
    CHECK(d.parent->memdev->name == "mem2");
    CHECK(d.parent->memdev->driver == "cxl_mem");
    CHECK(d.state.info_override == Bytes{1, 2});
    REQUIRE(d.state.replies.size() == 2);
    CHECK(d.state.replies[0].scope == 1u);
    CHECK(d.state.replies[0].delay_ms == 5);
    CHECK(d.state.replies[0].match.matches(Bytes{0x00, 0x77, 0x05, 0x99}));
    CHECK_FALSE(d.state.replies[0].match.matches(Bytes{0x01, 0x77, 0x05}));
    CHECK(d.state.replies[1].err == EIO);
    CHECK(d.state.info_errno == ENODEV);
    CHECK_FALSE(d.create_node);
}

TEST_CASE("parse_lab maps type numbers to modules, unknown ones to the generic module") {
    CHECK(device_of("1").module == &mlx5_sim_module());
    CHECK(device_of("9").module == &generic_sim_module());
    CHECK(device_of("9").type_id == 9);
    CHECK(device_of("0x3").module == &bnxt_sim_module());
}

TEST_CASE("parse_lab takes the minor from fwctlN, or from minor: for odd names") {
    CHECK(lab_with("mlx5").devices[0].minor == 0);
    auto lab = parse_lab("devices:\n  - {name: odd-name, minor: 42, type: pds, parent: null}\n", "t.yaml");
    REQUIRE(lab);
    CHECK(lab->devices[0].minor == 42);
    CHECK(lab_error("devices:\n  - {name: odd-name, type: pds, parent: null}\n").find("needs 'minor:'") !=
          std::string::npos);
}

TEST_CASE("parse_lab errors are one line with file, line and column") {
    struct Case {
        std::string text;
        std::string expected;
    };
    const Case cases[] = {
        {"devics: []\n", "t.yaml:1:1: lab: unknown key 'devics'"},
        {"taint: 0\n", "t.yaml:1:1: lab: 'devices' is required"},
        {"devices: {}\n", "t.yaml:1:10: lab: devices must be a list"},
        {"devices: [\n", "t.yaml:"},  // YAML syntax error, positioned by yaml-cpp
        {"- 1\n", "t.yaml: the lab must be a YAML map"},
        {"major: 5000\ndevices: []\n", "t.yaml:1:8: major: 5000 is larger than 4095"},
        {"taint: -1\ndevices: []\n", "is not a non-negative integer"},
        {"devices:\n  - {type: mlx5, parent: null}\n", "device: 'name' is required"},
        {"devices:\n  - {name: fwctl0, parent: null}\n", "device: 'type' is required"},
        {"devices:\n  - {name: fwctl0, type: mlx6, parent: null}\n", "unknown type 'mlx6'"},
        {"devices:\n  - {name: fwctl0, type: mlx5}\n", "'parent' is required"},
        {"devices:\n  - {name: \"a/b\", minor: 1, type: mlx5, parent: null}\n", "not a valid device name"},
        {"devices:\n  - {name: fwctl0, type: mlx5, parent: {address: \"03:00.0\"}}\n",
         "'03:00.0' is not a PCI address"},
        {"devices:\n  - {name: fwctl0, type: mlx5, parent: {driver: x}}\n", "parent: 'address' is required"},
        {kDevHead + "    info_hex: \"0g\"\n", "info_hex is not hex bytes"},
        {kDevHead + "    replies: [{match: \"01\", errno: EWHAT}]\n", "unknown errno name 'EWHAT'"},
        {kDevHead + "    replies: [{match: \"01\", errno: EIO, reply_hex: \"00\"}]\n",
         "exactly one of 'reply_hex', 'errno' and 'hang: true'"},
        {kDevHead + "    replies: [{errno: EIO}]\n", "'match' is required"},
        {kDevHead + "    replies: [{match: \"0?\", errno: EIO}]\n", "is not hex bytes with ?? wildcards"},
        {kDevHead + "    faults: {node: gone}\n", "node must be 'missing' or 'present'"},
        {kDevHead + "    state: {psidd: X}\n", "t.yaml:5:13: mlx5 state: unknown key 'psidd'"},
        {kDevHead + "    state: {psid: MT_00000008380000000}\n", "psid is longer than 16 characters"},
        {kDevHead + "    state: {uid: 0x10000}\n", "uid: 0x10000 is larger than 65535"},
        {"devices:\n  - {name: fwctl0, type: bnxt, parent: null, state: {fw_version: \"1.x\"}}\n",
         "fw_version must look like 230.0.156.0"},
        {"devices:\n  - {name: fwctl0, type: cxl, parent: null, state: {features: [{uuid: \"nope\"}]}}\n",
         "'nope' is not a UUID"},
        {"devices:\n  - {name: fwctl0, type: pds, parent: null, state: {x: 1}}\n", "unknown key 'x'"},
        {"devices:\n  - {name: fwctl0, type: 9, parent: null, state: {x: 1}}\n", "unknown key 'x'"},
        {"devices:\n  - {name: fwctl0, type: pds, parent: null}\n  - {name: fwctl0, minor: 1, type: pds, parent: null}\n",
         "name 'fwctl0' is used twice"},
        {"devices:\n  - {name: fwctl0, type: pds, parent: null}\n  - {name: x, minor: 0, type: pds, parent: null}\n",
         "minor 0 is used twice"},
        {"devices:\n  - {name: fwctl0, type: pds, parent: {address: \"0000:01:00.0\", driver: a}}\n"
         "  - {name: fwctl1, type: pds, parent: {address: \"0000:01:00.0\", driver: b}}\n",
         "parent 0000:01:00.0 is described differently"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        const std::string error = lab_error(c.text);
        CHECK(error.find(c.expected) != std::string::npos);
        CHECK(error.find('\n') == std::string::npos);
    }
}

TEST_CASE("load_lab_file reports an unreadable file") {
    auto lab = load_lab_file("/nonexistent/lab.yaml");
    REQUIRE_FALSE(lab);
    CHECK(lab.error() == "/nonexistent/lab.yaml: cannot read the lab file");
}

TEST_CASE("the shipped labs parse") {
    for (const auto& entry : std::filesystem::directory_iterator(FWCTL_SOURCE_DIR "/tests/labs")) {
        if (entry.path().extension() != ".yaml")
            continue;
        CAPTURE(entry.path().string());
        auto lab = load_lab_file(entry.path().string());
        CHECK_MESSAGE(lab.has_value(), (lab ? "" : lab.error()));
    }
}

TEST_CASE("emulate_info: size checks come first, then flags") {
    const DeviceState dev = device_of("mlx5");
    FakeMemory mem;
    CHECK(emulate_info(dev, info_req(0, 16), mem).err == EINVAL);
    CHECK(emulate_info(dev, info_req(0, 32), mem).err == 0);  // zero tail is fine
    CHECK(mem.tail_reads == 1);
    mem.tail = {0, 0, 0, 0, 0, 0, 0, 1};
    CHECK(emulate_info(dev, info_req(0, 32), mem).err == E2BIG);
    mem.tail_reads = 0;
    CHECK(emulate_info(dev, info_req(0, 24 + kMaxStructTail + 1), mem).err == E2BIG);
    CHECK(mem.tail_reads == 0);  // too big to read: refused unread
    fwctl_info flagged = info_req(8);
    flagged.flags = 1;
    CHECK(emulate_info(dev, flagged, mem).err == EOPNOTSUPP);
}

TEST_CASE("emulate_info: device_data_len 0 returns only the type") {
    FakeMemory mem;
    const InfoOutcome o = emulate_info(device_of("mlx5"), info_req(0), mem);
    CHECK(o.err == 0);
    CHECK(o.device_type == 1);
    CHECK(o.device_data_len == 0);
    CHECK(o.user_data.empty());
}

TEST_CASE("emulate_info copies min(len) bytes, zero-fills the rest, returns the driver's length") {
    FakeMemory mem;
    const DeviceState dev = device_of("mlx5", "    state: {uid: 7, uctx_caps: 0x4}\n");
    InfoOutcome o = emulate_info(dev, info_req(4), mem);
    CHECK(o.device_data_len == 8);
    CHECK(o.user_data == Bytes{7, 0, 0, 0});
    o = emulate_info(dev, info_req(12), mem);
    CHECK(o.device_data_len == 8);
    CHECK(o.user_data == Bytes{7, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0});
}

TEST_CASE("emulate_info: no info op (CXL) zero-fills and reports length 0") {
    FakeMemory mem;
    const InfoOutcome o = emulate_info(device_of("cxl"), info_req(8), mem);
    CHECK(o.err == 0);
    CHECK(o.device_type == 2);
    CHECK(o.device_data_len == 0);
    CHECK(o.user_data == Bytes(8, 0));
}

TEST_CASE("emulate_info: info_hex overrides the module, info_errno fails the ioctl") {
    FakeMemory mem;
    InfoOutcome o = emulate_info(device_of("cxl", "    info_hex: \"aabb\"\n"), info_req(4), mem);
    CHECK(o.device_data_len == 2);
    CHECK(o.user_data == Bytes{0xaa, 0xbb, 0, 0});
    o = emulate_info(device_of("9", "    info_hex: \"01000000\"\n"), info_req(4), mem);
    CHECK(o.device_type == 9);
    CHECK(o.user_data == Bytes{1, 0, 0, 0});
    o = emulate_info(device_of("mlx5", "    faults: {info_errno: EIO}\n"), info_req(8), mem);
    CHECK(o.err == EIO);
}

TEST_CASE("emulate_rpc: lengths over 2 MiB are EMSGSIZE before the input is read") {
    KernelState kernel(0, true);
    FakeMemory mem;
    const DeviceState dev = device_of("mlx5");
    CHECK(emulate_rpc(kernel, dev, rpc_req(1, FWCTL_MAX_RPC_LEN + 1, 16), mem).err == EMSGSIZE);
    CHECK(emulate_rpc(kernel, dev, rpc_req(1, 16, FWCTL_MAX_RPC_LEN + 1), mem).err == EMSGSIZE);
    CHECK(emulate_rpc(kernel, dev, rpc_req(2, FWCTL_MAX_RPC_LEN + 1, 16), mem).err == EMSGSIZE);
    CHECK(mem.input_reads == 0);
    CHECK(kernel.taint() == 0);
    CHECK(emulate_rpc(kernel, dev, rpc_req(1, 16, 16, 28), mem).err == EINVAL);
}

TEST_CASE("emulate_rpc: unknown scope is EOPNOTSUPP and does not taint") {
    KernelState kernel(0, true);
    FakeMemory mem;
    const RpcOutcome o = emulate_rpc(kernel, device_of("mlx5"), rpc_req(4, 16, 16), mem);
    CHECK(o.err == EOPNOTSUPP);
    CHECK_FALSE(o.tainted);
    CHECK(kernel.taint() == 0);
    CHECK(mem.input_reads == 0);
}

TEST_CASE("emulate_rpc: scope 2 and 3 taint before the driver looks at the command") {
    for (uint32_t scope : {2u, 3u}) {
        CAPTURE(scope);
        KernelState kernel(4096, true);
        uint64_t observed = 0;
        kernel.set_taint_observer([&](uint64_t t) { observed = t; });
        // An opcode the mlx5 driver rejects: the kernel is tainted anyway.
        const RpcOutcome o = call(device_of("mlx5"), scope, mlx5_mbox(0x0fff), 16, &kernel);
        CHECK(o.err == EBADMSG);
        CHECK(o.tainted);
        CHECK(kernel.taint() == (4096 | kTaintFwctl));
        CHECK(observed == (4096 | kTaintFwctl));
    }
}

TEST_CASE("emulate_rpc: scope 0 and 1 never taint") {
    KernelState kernel(0, true);
    int calls = 0;
    kernel.set_taint_observer([&](uint64_t) { ++calls; });
    CHECK_FALSE(call(device_of("mlx5"), 0, mlx5_mbox(0x101), 272, &kernel).tainted);
    CHECK_FALSE(call(device_of("mlx5"), 1, mlx5_mbox(0x101), 272, &kernel).tainted);
    CHECK(kernel.taint() == 0);
    CHECK(calls == 0);
}

TEST_CASE("emulate_rpc: scope 3 without CAP_SYS_RAWIO is EPERM and does not taint") {
    KernelState kernel(0, false);
    const RpcOutcome o = call(device_of("mlx5"), 3, mlx5_mbox(0x101), 272, &kernel);
    CHECK(o.err == EPERM);
    CHECK_FALSE(o.tainted);
    CHECK(kernel.taint() == 0);
}

TEST_CASE("emulate_rpc: a faulting input buffer is EFAULT") {
    KernelState kernel(0, true);
    FakeMemory mem;
    mem.fault_input = true;
    CHECK(emulate_rpc(kernel, device_of("mlx5"), rpc_req(1, 16, 16), mem).err == EFAULT);
}

TEST_CASE("emulate_rpc: replies are tried in order, after the driver's rewrite, before the module") {
    const DeviceState dev = device_of("mlx5", R"(    state: {uid: 0x0203}
    replies:
      - {match: "0101 0203", scope: 0, reply_hex: "11"}
      - {match: "0101 ????", reply_hex: "2222", delay_ms: 30}
      - {match: "0100", errno: EIO}
)");
    RpcOutcome o = call(dev, 0, mlx5_mbox(0x101), 272);
    CHECK(o.source == "replies[0]");
    CHECK(o.reply == Bytes{0x11});
    o = call(dev, 1, mlx5_mbox(0x101), 272);  // rule 0 is for scope 0 only
    CHECK(o.source == "replies[1]");
    CHECK(o.reply == Bytes{0x22, 0x22});
    CHECK(o.delay_ms == 30);
    CHECK(get_be16(o.request, 2) == 0x0203);  // the uid the driver forced
    o = call(dev, 1, mlx5_mbox(0x100), 272);
    CHECK(o.err == EIO);
    o = call(dev, 1, mlx5_mbox(0x10c), 272);
    CHECK(o.source == "module");
    CHECK(o.op == "QUERY_DRIVER_VERSION");
}

TEST_CASE("BytePattern and hex helpers") {
    CHECK(from_hex("0A ff_00:1b") == Bytes{0x0a, 0xff, 0x00, 0x1b});
    CHECK_FALSE(from_hex("0"));
    CHECK_FALSE(from_hex("??"));
    auto p = parse_pattern("01??");
    REQUIRE(p);
    CHECK(p->matches(Bytes{1, 9, 9}));
    CHECK_FALSE(p->matches(Bytes{1}));
    CHECK(parse_pattern("")->matches(Bytes{}));
    CHECK(to_hex(Bytes{0x01, 0xab}) == "01ab");
    CHECK(errno_name(EBADMSG) == "EBADMSG");
    CHECK(errno_name(0).empty());
    CHECK(errno_from_name("ETIMEDOUT") == ETIMEDOUT);
}

TEST_CASE("rpc_record carries what tests assert on") {
    const DeviceState dev = device_of("mlx5");
    RpcOutcome o = call(dev, 1, mlx5_mbox(0x101), 272);
    const auto j = rpc_record(dev, FWCTL_RPC, rpc_req(1, 16, 272), o, 4096);
    CHECK(j["device"] == "fwctl0");
    CHECK(j["ioctl"] == "RPC");
    CHECK(j["request"] == FWCTL_RPC);
    CHECK(j["scope"] == 1);
    CHECK(j["in_len"] == 16);
    CHECK(j["out_len"] == 272);
    CHECK(j["op"] == "QUERY_ADAPTER");
    CHECK(j["request_hex"] == "01010001000000000000000000000000");
    CHECK(j["result"] == 0);
    CHECK(j["errno"] == 0);
    CHECK(j["errno_name"] == "");
    CHECK(j["reply_len"] == 272);
    CHECK(j["tainted_kernel"] == false);
    CHECK(j["taint"] == 4096);

    o = call(dev, 0, mlx5_mbox(0x10c), 16);
    const auto failed = rpc_record(dev, FWCTL_RPC, rpc_req(0, 16, 16), o, 0);
    CHECK(failed["result"] == -1);
    CHECK(failed["errno_name"] == "EBADMSG");
    CHECK(failed["reply_len"] == 0);
}

TEST_CASE("RpcLog appends numbered JSON lines") {
    const std::string path = std::filesystem::temp_directory_path() / "fwctl_sim_log_test.jsonl";
    std::filesystem::remove(path);
    {
        auto log = RpcLog::open(path);
        REQUIRE(log);
        const DeviceState dev = device_of("pds");
        (*log)->append(other_record(dev, 0x1234, ENOTTY));
        (*log)->append(other_record(dev, 0x1235, ENOTTY));
    }
    std::FILE* f = std::fopen(path.c_str(), "r");
    REQUIRE(f);
    char line[512];
    REQUIRE(std::fgets(line, sizeof(line), f));
    CHECK(std::string(line) ==
          "{\"seq\":1,\"device\":\"fwctl0\",\"ioctl\":\"OTHER\",\"request\":4660,\"result\":-1,"
          "\"errno\":25,\"errno_name\":\"ENOTTY\",\"tainted_kernel\":false}\n");
    REQUIRE(std::fgets(line, sizeof(line), f));
    CHECK(std::string(line).starts_with("{\"seq\":2,"));
    std::fclose(f);
    std::filesystem::remove(path);
    CHECK_FALSE(RpcLog::open("/nonexistent/dir/log.jsonl"));
}

TEST_CASE("the registry lists each module under its type and name") {
    for (const SimModule* m : sim_modules()) {
        CAPTURE(m->name());
        CHECK(&sim_module_for_type(m->type_id()) == m);
        CHECK(sim_module_by_name(m->name()) == m);
    }
    CHECK(sim_modules().size() == 4);
    CHECK(&sim_module_for_type(0) == &generic_sim_module());
    CHECK(sim_module_by_name("generic") == nullptr);
}
