#include "plugins/cxl/cxl_reads.hpp"

#include <algorithm>

namespace fwctl::plugins::cxl {

namespace {

std::string device_code(std::uint32_t retval)
{
    return "device returned CXL return code " + return_code_text(retval);
}

}  // namespace

Result<FeatureList> read_feature_list(const FetchSupported& fetch, const std::string& what)
{
    auto first = fetch(0, 0);
    if (!first) {
        return std::unexpected(first.error());
    }
    if (first->retval != 0) {
        return fail(Errc::device_status, what, device_code(first->retval));
    }
    FeatureList list;
    list.total = first->total;
    const std::uint32_t wanted = std::min<std::uint32_t>(list.total, max_features);
    // Every page adds at least one entry or ends the loop, so it runs at most
    // `wanted` (<= max_features) times; normally once.
    while (list.entries.size() < wanted) {
        const auto start = static_cast<std::uint32_t>(list.entries.size());
        const std::uint32_t n = std::min(features_per_request, wanted - start);
        auto page = fetch(n, static_cast<std::uint16_t>(start));
        std::optional<Error> problem;
        if (!page) {
            problem = page.error();
        } else if (page->retval != 0) {
            problem = Error{Errc::device_status, 0, what, device_code(page->retval)};
        } else if (page->entries.empty()) {
            problem = Error{Errc::malformed_reply, 0, what,
                            "no entries returned from start_idx " + std::to_string(start) + " of " +
                                std::to_string(list.total)};
        }
        if (problem) {
            if (list.entries.empty()) {
                return std::unexpected(*problem);
            }
            list.incomplete = problem;
            break;
        }
        const std::size_t take = std::min<std::size_t>(page->entries.size(), n);
        list.entries.insert(list.entries.end(), page->entries.begin(),
                            page->entries.begin() + static_cast<std::ptrdiff_t>(take));
    }
    return list;
}

ValueRead ValueRead::not_requested(std::string why)
{
    ValueRead v;
    v.status = "unavailable";
    v.reason = std::move(why);
    return v;
}

std::string_view status_for_return_code(std::uint32_t retval)
{
    switch (retval) {
    case 0x02:  // Invalid Input
    case 0x16:  // Invalid Payload Length
        return "bad_parameter";
    case 0x03:  // Unsupported
    case 0x15:  // Unsupported Mailbox or CCI
    case 0x19:  // Unsupported Feature Version
    case 0x1a:  // Unsupported Feature Selection Value
        return "not_supported";
    default:
        return "error";
    }
}

ValueRead read_feature_value(const FetchFeature& fetch, std::uint16_t get_size, const std::string& what,
                             const std::string& label)
{
    auto failed = [&](std::string status, std::string reason, bool record) {
        ValueRead v;
        v.status = std::move(status);
        v.reason = reason;
        if (record) {
            v.error = Error{Errc::device_status, 0, what, label + ": " + reason};
        }
        return v;
    };

    std::vector<std::uint8_t> data;
    data.reserve(get_size);
    // At most get_size / feature_bytes_per_request + 1 (<= 16) requests.
    for (std::uint32_t offset = 0; offset < get_size;) {
        const auto count = static_cast<std::uint16_t>(
            std::min<std::uint32_t>(feature_bytes_per_request, get_size - offset));
        auto reply = fetch(static_cast<std::uint16_t>(offset), count);
        if (!reply) {
            ValueRead v;
            v.status = "error";
            v.reason = "the request failed (" + reply.error().detail + "); see errors";
            v.error = reply.error();
            v.error->detail = label + ": " + v.error->detail;
            return v;
        }
        if (reply->retval != 0) {
            const auto status = status_for_return_code(reply->retval);
            return failed(std::string(status), device_code(reply->retval), status == "error");
        }
        if (reply->data.empty()) {
            // cxl_get_feature(): a device answer shorter than asked fails the whole
            // RPC with size 0, but the return code stays the device's Success.
            return failed("error",
                          "the device returned fewer bytes than asked for (the kernel reports size 0 with "
                          "return code 0x0000 Success)",
                          true);
        }
        if (reply->data.size() != count) {
            return failed("error",
                          "the device returned " + std::to_string(reply->data.size()) + " of " +
                              std::to_string(count) + " bytes at offset " + std::to_string(offset),
                          true);
        }
        data.insert(data.end(), reply->data.begin(), reply->data.end());
        offset += count;
    }
    ValueRead v;
    v.data = std::move(data);
    return v;
}

}  // namespace fwctl::plugins::cxl
