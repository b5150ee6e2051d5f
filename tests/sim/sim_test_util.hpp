// Helpers for sim_core_tests: build devices from lab snippets and fake the caller's
// memory, so the emulation is tested exactly as fwctl-sim drives it.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "tests/sim/kernel_sim.hpp"
#include "tests/sim/lab.hpp"

namespace fwctl::sim::test {

// A lab with one device "fwctl0" of `type` without a parent; `extra` is more YAML for
// the device map, indented by 4 spaces (e.g. "    state: {psid: X}\n").
inline Lab lab_with(const std::string& type, const std::string& extra = "") {
    const std::string text = "devices:\n  - name: fwctl0\n    type: " + type +
                             "\n    parent: null\n" + extra;
    auto lab = parse_lab(text, "t.yaml");
    if (!lab)
        FAIL("lab did not parse: " << lab.error());
    return *lab;
}

inline DeviceState device_of(const std::string& type, const std::string& extra = "") {
    return lab_with(type, extra).devices.at(0).state;
}

// The parse error of a lab text ("" if it parsed).
inline std::string lab_error(const std::string& text) {
    auto lab = parse_lab(text, "t.yaml");
    return lab ? "" : lab.error();
}

// The caller's memory as the kernel sees it; counts what the kernel read.
struct FakeMemory final : CallerMemory {
    Bytes tail;           // struct bytes past the kernel's struct (zero-extended)
    Bytes input;          // fwctl_rpc.in (zero-extended to in_len)
    bool fault_input = false;
    int tail_reads = 0;
    int input_reads = 0;

    std::optional<Bytes> struct_tail(size_t len) override {
        ++tail_reads;
        Bytes t = tail;
        t.resize(len, 0);
        return t;
    }
    std::optional<Bytes> rpc_input(size_t len) override {
        ++input_reads;
        if (fault_input)
            return std::nullopt;
        Bytes i = input;
        i.resize(len, 0);
        return i;
    }
};

inline fwctl_info info_req(uint32_t device_data_len, uint32_t size = sizeof(fwctl_info)) {
    fwctl_info i{};
    i.size = size;
    i.device_data_len = device_data_len;
    return i;
}

inline fwctl_rpc rpc_req(uint32_t scope, uint32_t in_len, uint32_t out_len,
                         uint32_t size = sizeof(fwctl_rpc)) {
    fwctl_rpc r{};
    r.size = size;
    r.scope = scope;
    r.in_len = in_len;
    r.out_len = out_len;
    return r;
}

// Runs one RPC with `in` on `dev`, with a fresh kernel unless one is given.
inline RpcOutcome call(const DeviceState& dev, uint32_t scope, const Bytes& in, uint32_t out_len,
                       KernelState* kernel = nullptr) {
    KernelState local(0, true);
    FakeMemory mem;
    mem.input = in;
    return emulate_rpc(kernel ? *kernel : local, dev, rpc_req(scope, static_cast<uint32_t>(in.size()), out_len),
                       mem);
}

// An mlx5 mailbox header: opcode and op_mod big-endian.
inline Bytes mlx5_mbox(uint16_t opcode, uint16_t op_mod = 0, size_t len = 16) {
    Bytes b(len, 0);
    put_be16(b, 0, opcode);
    put_be16(b, 6, op_mod);
    return b;
}

}  // namespace fwctl::sim::test
