// libFuzzer target: CXL Features mailbox replies (Get Supported Features, Get
// Feature) through the cxl decoders, the paged read loops and on into config
// entries. One input may hold several replies (see fuzz_input.hpp): the read
// loops take them in turn, as a device would answer page after page.
#include <optional>

#include "plugins/cxl/cxl_config.hpp"
#include "plugins/cxl/cxl_features.hpp"
#include "plugins/cxl/cxl_reads.hpp"
#include "plugins/cxl/cxl_wire.hpp"
#include "tests/fuzz/fuzz_input.hpp"

namespace {

using namespace fwctl::plugins::cxl;
using fwctl::fuzz::Bytes;
using fwctl::fuzz::ReplyScript;

// Offset of the reply's `size` (host-order u32 before retval; its low half is read): the
// count the caller asked for must be at least this for the decoder to accept it.
constexpr std::size_t get_feature_size_offset = 0;

// Every known layout, and the raw fallback, over the same value bytes.
void decode_value(const FeatureEntry& entry, const std::vector<std::uint8_t>& value)
{
    for (const KnownFeature& known : known_features()) {
        if (auto fields = decode_feature(known, value)) {
            (void)fields->size();
        }
    }
    FeatureReads reads;
    reads.current.data = value;
    reads.default_value.data = value;
    reads.saved = ValueRead::not_requested("the fuzz input gives no saved value");
    (void)feature_config_entries(entry, reads).dump();
}

void single_replies(Bytes reply)
{
    if (auto list = decode_supported_features(reply)) {
        (void)return_code_text(list->retval);
        for (const FeatureEntry& entry : list->entries) {
            (void)uuid_text(entry.uuid);
            (void)reset_persistence_name(entry.flags);
            (void)find_known_feature(entry.uuid);
            (void)feature_attributes(entry).dump();
        }
    }
    // Ask for what the reply claims to hold, and for less (a lying length).
    const std::uint16_t claimed = fwctl::fuzz::le16_at(reply, get_feature_size_offset);
    for (const std::uint16_t count : {claimed, static_cast<std::uint16_t>(claimed / 2), feature_bytes_per_request}) {
        if (auto value = decode_get_feature(reply, count)) {
            (void)return_code_text(value->retval);
        }
    }
}

// The plugin's two read loops against a device that answers with the input's
// replies in turn: the feature list, then each listed feature's value.
void paged_reads(Bytes input)
{
    ReplyScript device(input);
    auto list = read_feature_list(
        [&](std::uint32_t, std::uint16_t) { return decode_supported_features(device.next()); }, "fuzz list");
    if (!list) {
        return;
    }
    for (const FeatureEntry& entry : list->entries) {
        const ValueRead read = read_feature_value(
            [&](std::uint16_t, std::uint16_t count) { return decode_get_feature(device.next(), count); },
            entry.get_size, "fuzz value", uuid_text(entry.uuid));
        if (read.data) {
            decode_value(entry, *read.data);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const Bytes input(data, size);
    single_replies(input);
    // The bytes as one feature's value, whatever reply framing they have.
    decode_value(FeatureEntry{}, std::vector<std::uint8_t>(input.begin(), input.end()));
    paged_reads(input);
    return 0;
}
