#include "tests/faults/fault_kinds.hpp"

#include <random>
#include <stdexcept>

#include "tests/faults/hex_text.hpp"
#include "tests/faults/reply_shapes.hpp"

namespace faults {

const std::vector<Fault>& rpc_faults()
{
    static const std::vector<Fault> all{
        {"hot-unplug", FaultKind::hot_unplug, "ENODEV",
         "The device disappears: this RPC and every later one fail with ENODEV"},
        {"EIO", FaultKind::errno_once, "EIO", "The driver reports an I/O error"},
        {"EBADMSG", FaultKind::errno_once, "EBADMSG", "The driver rejects the message"},
        {"EMSGSIZE", FaultKind::errno_once, "EMSGSIZE", "The driver rejects the buffer sizes"},
        {"EPERM", FaultKind::errno_once, "EPERM", "The driver refuses the command at this scope"},
        {"EACCES", FaultKind::errno_once, "EACCES", "Access denied"},
        {"ENOMEM", FaultKind::errno_once, "ENOMEM", "The kernel is out of memory"},
        {"EINTR", FaultKind::errno_once, "EINTR",
         "Every attempt is interrupted (the tool retries EINTR 3 times, then gives up)"},
        {"EAGAIN", FaultKind::errno_once, "EAGAIN", "The device asks to try again later"},
        {"in-band-error", FaultKind::in_band_error, "",
         "The firmware answers with its internal-error status (mlx5 status 0x01, CXL return code 0x04, "
         "bnxt error_code 0x000f)"},
        {"short-reply", FaultKind::short_reply, "", "The reply is one byte shorter than the reply header"},
        {"length-overflow", FaultKind::length_overflow, "",
         "Success status, but every inner length or count field and every data byte is 0xff "
         "(CXL size 0xffffffff, bnxt resp_len 0xffff)"},
        {"random-bytes", FaultKind::random_bytes, "", "`out_len` bytes of noise (fixed seed)"},
    };
    return all;
}

namespace {

ordered_json errno_reply(const RpcSite& site, const std::string& errno_name)
{
    return {{"match", site.request_hex}, {"errno", errno_name}};
}

ordered_json raw_reply(const RpcSite& site, const Bytes& bytes)
{
    return {{"match", site.request_hex}, {"reply_hex", to_hex(bytes)}};
}

}  // namespace

ordered_json replies_for(const Fault& fault, const RpcSite& site, const std::vector<RpcSite>& all)
{
    ordered_json replies = ordered_json::array();
    const auto shape = reply_shape(site.type_id);
    if (!shape && fault.kind != FaultKind::hot_unplug && fault.kind != FaultKind::errno_once) {
        throw std::runtime_error("no reply shape for device type " + std::to_string(site.type_id) +
                                 " (" + site.type_name + "): add one to tests/faults/reply_shapes.cpp");
    }
    const Bytes request = from_hex(site.request_hex);
    switch (fault.kind) {
    case FaultKind::hot_unplug:
        for (const auto& later : all) {
            if (later.device == site.device && later.order >= site.order) {
                replies.push_back(errno_reply(later, "ENODEV"));
            }
        }
        break;
    case FaultKind::errno_once:
        replies.push_back(errno_reply(site, fault.errno_name));
        break;
    case FaultKind::in_band_error:
        replies.push_back(raw_reply(site, shape->in_band_error(request, site.out_len)));
        break;
    case FaultKind::short_reply:
        replies.push_back(raw_reply(site, Bytes(shape->header_len - 1, 0)));
        break;
    case FaultKind::length_overflow:
        replies.push_back(raw_reply(site, shape->length_overflow(request, site.out_len)));
        break;
    case FaultKind::random_bytes: {
        std::mt19937 noise(0x5eed0000u + static_cast<unsigned>(site.order) * 131u + site.type_id);
        Bytes bytes(site.out_len);
        for (auto& b : bytes) {
            b = static_cast<std::uint8_t>(noise());
        }
        replies.push_back(raw_reply(site, bytes));
        break;
    }
    }
    return replies;
}

}  // namespace faults
