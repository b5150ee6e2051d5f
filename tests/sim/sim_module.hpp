// The vendor-module interface of fwctl-sim.
//
// The generic fwctl layer (size/E2BIG/scope/taint checks, copying to the user) lives
// in kernel_sim.cpp. A SimModule is the part a kernel *driver* plays: its `info` op,
// its fw_rpc validation (allowlist, length checks) and the device's answer in the
// true wire format, built from the lab's `state:` map. One module per device type,
// one file each under plugins/<vendor>/tests/, listed in sim_registry.cpp.
#pragma once

#include <any>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "tests/sim/sim_bytes.hpp"

namespace fwctl::sim {

class SimModule;

// One `replies:` entry: a raw answer that replaces the module for matching requests.
struct ReplyRule {
    BytePattern match;             // prefix of the request (after the driver's rewrite)
    std::optional<uint32_t> scope; // only for this scope, when given
    std::optional<Bytes> reply;    // the driver's reply bytes...
    int err = 0;                   // ...or fail the ioctl with this errno...
    bool hang = false;             // ...or never answer (lab `hang: true`)
    uint32_t delay_ms = 0;         // complete() this much later, from another thread
};

// Which ioctls of a device never complete (lab `faults: {hang: ...}`): a firmware that
// stopped answering. The caller stays blocked until it gives up or exits.
enum class HangFault { none, rpc, all };

// Everything the emulator knows about one fwctl device at run time. Immutable once
// the lab is loaded, so the worker thread and delay threads can share it freely.
struct DeviceState {
    std::string name;                   // "fwctl0"
    uint32_t type_id = 0;               // enum fwctl_device_type (or any lab value)
    const SimModule* module = nullptr;  // never null after loading (generic for unknown)
    std::any module_state;              // what module->parse_state() returned
    std::optional<Bytes> info_override; // lab `info_hex`
    std::vector<ReplyRule> replies;
    int info_errno = 0;                 // lab faults.info_errno
    // Firmware latency: every RPC the driver passes to the firmware completes this much
    // later (lab `latency_us`, per device or for the whole lab). 0: at once.
    uint32_t latency_us = 0;
    HangFault hang = HangFault::none;   // lab faults.hang
};

class SimModule {
public:
    virtual ~SimModule() = default;

    // Lab name ("mlx5") and enum fwctl_device_type value.
    virtual std::string_view name() const = 0;
    virtual uint32_t type_id() const = 0;

    // Validates the lab's `state:` map (may be undefined or null) and converts it to the
    // module's own state type, stored in DeviceState::module_state. Throws LabError.
    virtual std::any parse_state(const YAML::Node& state) const = 0;

    // The driver's `info` op. nullopt: the driver has none (CXL), so the kernel
    // zero-fills the user buffer and reports length 0. A value: the driver's bytes.
    virtual std::optional<Bytes> info(const DeviceState& dev) const = 0;

    // What the driver writes into the request before firmware sees it (mlx5 forces the
    // uid). Applied before logging and `replies:` matching, so both see what firmware sees.
    virtual void rewrite_request(const DeviceState& dev, Bytes& in) const {
        (void)dev;
        (void)in;
    }

    // A short name of the command for the RPC log ("QUERY_ADAPTER", "0x1234").
    virtual std::string describe(std::span<const uint8_t> in) const = 0;

    // The driver's fw_rpc: validate, then answer. The returned vector's size is the
    // driver's out_len (what the kernel writes back to fwctl_rpc.out_len); the kernel
    // copies min(user out_len, size) bytes. An error is the errno of the ioctl.
    virtual std::expected<Bytes, int> rpc(const DeviceState& dev, uint32_t scope,
                                          std::span<const uint8_t> in,
                                          uint32_t out_len) const = 0;
};

// The modules, one definition each (plugins/<vendor>/tests/<vendor>_sim_module.cpp,
// tests/sim/generic_sim_module.cpp). Looked up through sim_registry.hpp.
const SimModule& mlx5_sim_module();
const SimModule& cxl_sim_module();
const SimModule& bnxt_sim_module();
const SimModule& pds_sim_module();
const SimModule& generic_sim_module();

// The state a module stored; throws std::bad_any_cast if a test mixes modules up.
template <class T>
const T& module_state(const DeviceState& dev) {
    return std::any_cast<const T&>(dev.module_state);
}

}  // namespace fwctl::sim
