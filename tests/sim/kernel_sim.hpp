// The generic fwctl layer of the kernel (drivers/fwctl/main.c), emulated without any
// umockdev dependency so its order of checks can be unit tested:
//   size < struct size -> EINVAL; non-zero bytes past the struct -> E2BIG;
//   INFO: flags -> EOPNOTSUPP, then the driver's info op and the zero-padded copy;
//   RPC: lengths > 2 MiB -> EMSGSIZE; scope > 3 -> EOPNOTSUPP; scope 3 without
//   CAP_SYS_RAWIO -> EPERM; scope 2/3 taints *before* the driver sees the command;
//   then the lab's raw `replies:`, then the vendor module (the driver).
// The caller (umockdev glue or a test) supplies the struct as sent and a CallerMemory
// through which the kernel "copies from user", only when the kernel would.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "collector/uapi/fwctl_uapi.h"
#include "tests/sim/sim_module.hpp"

namespace fwctl::sim {

inline constexpr uint64_t kTaintFwctl = 1ull << 19;  // TAINT_FWCTL ('J')
inline constexpr size_t kInfoStructSize = sizeof(struct fwctl_info);
inline constexpr size_t kRpcStructSize = sizeof(struct fwctl_rpc);
// The kernel checks any struct tail for zeroes; we read at most this much of it (a
// larger `size` is answered E2BIG) so a bogus size cannot make us read unmapped memory.
inline constexpr size_t kMaxStructTail = 4096;
// FWCTL_INFO zero-fills the caller's whole buffer; we fill at most this much of it.
inline constexpr size_t kMaxInfoUserData = 1u << 20;

static_assert(kInfoStructSize == 24 && kRpcStructSize == 32, "fwctl uAPI layout changed");

// State shared by all devices: the taint mask and the caller's capabilities.
class KernelState {
public:
    KernelState(uint64_t taint, bool cap_sys_rawio) : taint_(taint), cap_sys_rawio_(cap_sys_rawio) {}

    uint64_t taint() const;
    bool cap_sys_rawio() const { return cap_sys_rawio_; }
    // ORs `bits` into the mask; the observer (the /proc file writer) runs under the lock,
    // so the file is current before the ioctl that tainted returns to the caller.
    void add_taint(uint64_t bits);
    void set_taint_observer(std::function<void(uint64_t)> observer);

private:
    mutable std::mutex mutex_;
    uint64_t taint_;
    bool cap_sys_rawio_;
    std::function<void(uint64_t)> observer_;
};

// The kernel's copy_from_user. nullopt means the copy faulted (EFAULT).
class CallerMemory {
public:
    virtual ~CallerMemory() = default;
    // Bytes [struct size, fwctl_*.size) of the ioctl struct; only asked when size is larger.
    virtual std::optional<Bytes> struct_tail(size_t len) = 0;
    // fwctl_rpc.in, `len` bytes (len > 0); only asked once the core's checks passed.
    virtual std::optional<Bytes> rpc_input(size_t len) = 0;
};

struct InfoOutcome {
    int err = 0;
    uint32_t device_type = 0;      // written to out_device_type
    uint32_t device_data_len = 0;  // written back: the driver's length
    Bytes user_data;               // written to out_device_data: the caller's length (capped)
    bool hang = false;             // never complete (lab faults.hang: all)
};

struct RpcOutcome {
    int err = 0;
    bool tainted = false;   // this call went through the kernel's taint step
    bool input_read = false;
    Bytes request;          // fwctl_rpc.in after the driver's rewrite (for log and matching)
    Bytes reply;            // the driver's reply; size() is the out_len written back
    uint32_t delay_ms = 0;  // from a matching `replies:` entry
    // When the reply is due, counted from the moment the request arrived: the device's
    // firmware latency (for RPCs that reach the driver) plus `delay_ms`.
    uint64_t delay_us = 0;
    bool hang = false;      // never complete (faults.hang or a `hang: true` reply)
    std::string source;     // who decided: "kernel", "module" or "replies[N]"
    std::string op;         // the module's name for the command
};

InfoOutcome emulate_info(const DeviceState& dev, const struct fwctl_info& sent, CallerMemory& mem);
RpcOutcome emulate_rpc(KernelState& kernel, const DeviceState& dev, const struct fwctl_rpc& sent,
                       CallerMemory& mem);

}  // namespace fwctl::sim
