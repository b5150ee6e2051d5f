#include "tests/sim/kernel_sim.hpp"

#include <algorithm>
#include <cerrno>

namespace fwctl::sim {
namespace {

// fwctl_fops_ioctl: get_user(size) < min size -> EINVAL, then copy_struct_from_user.
int check_struct_size(uint32_t size, size_t struct_size, CallerMemory& mem) {
    if (size < struct_size)
        return EINVAL;
    if (size == struct_size)
        return 0;
    const size_t tail_len = size - struct_size;
    if (tail_len > kMaxStructTail)
        return E2BIG;
    const auto tail = mem.struct_tail(tail_len);
    if (!tail)
        return EFAULT;
    const bool all_zero = std::all_of(tail->begin(), tail->end(), [](uint8_t b) { return b == 0; });
    return all_zero ? 0 : E2BIG;
}

const ReplyRule* find_reply(const DeviceState& dev, uint32_t scope, const Bytes& request,
                            size_t& index) {
    for (index = 0; index < dev.replies.size(); ++index) {
        const ReplyRule& r = dev.replies[index];
        if (r.scope && *r.scope != scope)
            continue;
        if (r.match.matches(request))
            return &r;
    }
    return nullptr;
}

}  // namespace

uint64_t KernelState::taint() const {
    std::lock_guard lock(mutex_);
    return taint_;
}

void KernelState::add_taint(uint64_t bits) {
    std::lock_guard lock(mutex_);
    const uint64_t next = taint_ | bits;
    if (next == taint_)
        return;
    taint_ = next;
    if (observer_)
        observer_(taint_);
}

void KernelState::set_taint_observer(std::function<void(uint64_t)> observer) {
    std::lock_guard lock(mutex_);
    observer_ = std::move(observer);
}

InfoOutcome emulate_info(const DeviceState& dev, const struct fwctl_info& sent, CallerMemory& mem) {
    InfoOutcome out;
    if ((out.err = check_struct_size(sent.size, kInfoStructSize, mem)) != 0)
        return out;
    // fwctl_cmd_info
    if (sent.flags != 0) {
        out.err = EOPNOTSUPP;
        return out;
    }
    out.hang = dev.hang == HangFault::all;  // a stuck device: even the info op never returns
    if (dev.info_errno != 0) {  // lab fault: the driver's info op (or the device) fails
        out.err = dev.info_errno;
        return out;
    }
    out.device_type = dev.type_id;
    if (sent.device_data_len == 0)
        return out;  // the driver is not asked; length 0 comes back
    const std::optional<Bytes> data =
        dev.info_override ? dev.info_override : dev.module->info(dev);
    // copy_to_user_zero_pad (driver data) or clear_user (no info op)
    out.user_data.assign(std::min<size_t>(sent.device_data_len, kMaxInfoUserData), 0);
    if (data) {
        std::copy_n(data->begin(), std::min(data->size(), out.user_data.size()),
                    out.user_data.begin());
        out.device_data_len = static_cast<uint32_t>(data->size());
    }
    return out;
}

namespace {

RpcOutcome decide_rpc(KernelState& kernel, const DeviceState& dev, const struct fwctl_rpc& sent,
                      CallerMemory& mem) {
    RpcOutcome out;
    out.source = "kernel";
    if ((out.err = check_struct_size(sent.size, kRpcStructSize, mem)) != 0)
        return out;

    // fwctl_cmd_rpc, in the kernel's order
    if (sent.in_len > FWCTL_MAX_RPC_LEN || sent.out_len > FWCTL_MAX_RPC_LEN) {
        out.err = EMSGSIZE;
        return out;
    }
    switch (sent.scope) {
    case FWCTL_RPC_CONFIGURATION:
    case FWCTL_RPC_DEBUG_READ_ONLY:
        break;
    case FWCTL_RPC_DEBUG_WRITE_FULL:
        if (!kernel.cap_sys_rawio()) {
            out.err = EPERM;
            return out;
        }
        [[fallthrough]];
    case FWCTL_RPC_DEBUG_WRITE:
        // The real kernel taints here, before copying the input or asking the driver:
        // a write-scope RPC the driver then rejects has still tainted the kernel.
        kernel.add_taint(kTaintFwctl);
        out.tainted = true;
        break;
    default:
        out.err = EOPNOTSUPP;
        return out;
    }

    if (sent.in_len > 0) {
        auto in = mem.rpc_input(sent.in_len);
        if (!in) {
            out.err = EFAULT;
            return out;
        }
        out.request = std::move(*in);
    }
    out.input_read = true;
    dev.module->rewrite_request(dev, out.request);
    out.op = dev.module->describe(out.request);

    size_t index = 0;
    if (const ReplyRule* rule = find_reply(dev, sent.scope, out.request, index)) {
        out.source = "replies[" + std::to_string(index) + "]";
        out.delay_ms = rule->delay_ms;
        out.hang = rule->hang;
        if (rule->reply)
            out.reply = *rule->reply;
        else
            out.err = rule->err;
        return out;
    }

    out.source = "module";
    auto reply = dev.module->rpc(dev, sent.scope, out.request, sent.out_len);
    if (!reply)
        out.err = reply.error();
    else
        out.reply = std::move(*reply);
    return out;
}

}  // namespace

RpcOutcome emulate_rpc(KernelState& kernel, const DeviceState& dev, const struct fwctl_rpc& sent,
                       CallerMemory& mem) {
    RpcOutcome out = decide_rpc(kernel, dev, sent, mem);
    // The generic layer's checks answer at once; what the driver got went to the firmware,
    // which takes its time (or, if it hangs, forever).
    if (out.input_read) {
        out.delay_us = uint64_t{dev.latency_us} + uint64_t{out.delay_ms} * 1000;
        out.hang = out.hang || dev.hang != HangFault::none;
    }
    return out;
}

}  // namespace fwctl::sim
