// The faults the matrix injects into one RPC, and how each is expressed in a
// lab: an errno through a `replies:` override, or raw reply bytes shaped from
// the request by the device type's reply layout (reply_shapes.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/faults/clean_run.hpp"

namespace faults {

enum class FaultKind {
    hot_unplug,       // ENODEV on this RPC and every later one of the device
    errno_once,       // this RPC fails with `errno_name`
    in_band_error,    // the firmware answers with its "internal error" status
    short_reply,      // fewer bytes than the reply header
    length_overflow,  // header fine, every inner length field at its maximum
    random_bytes,     // out_len bytes of noise (fixed seed)
};

struct Fault {
    std::string id;  // column/section name in docs/reliability.md
    FaultKind kind = FaultKind::errno_once;
    std::string errno_name;  // for hot_unplug (ENODEV) and errno_once
    std::string description;

    bool expects_errno() const { return !errno_name.empty(); }
    // A fault the tool can recognise as one (an errno, a refusal status, a reply too
    // short for its header) must give an error entry. A well-formed success reply with
    // odd values (length-overflow, random-bytes) is decoded as far as it makes sense:
    // an impossible length is an error, a merely implausible value is reported as read.
    bool must_be_error() const { return kind != FaultKind::length_overflow && kind != FaultKind::random_bytes; }
};

// Every RPC fault of the matrix, in the order of the document.
const std::vector<Fault>& rpc_faults();

// The `replies:` entries that inject `fault` at `site`, given all RPCs of the clean run.
nlohmann::ordered_json replies_for(const Fault& fault, const RpcSite& site, const std::vector<RpcSite>& all);

}  // namespace faults
