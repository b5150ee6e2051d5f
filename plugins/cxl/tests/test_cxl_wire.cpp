// cxl decoders are pure functions over bytes: fed the golden replies
// (golden/make_replies.py), every truncation of them, lying length fields and
// pseudo-random garbage. None may read out of bounds, throw or accept a lie.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "plugins/cxl/cxl_features.hpp"
#include "plugins/cxl/cxl_wire.hpp"
#include "plugins/cxl/tests/cxl_test_util.hpp"

using namespace fwctl;
using namespace fwctl::plugins::cxl;
using namespace cxl_test;

namespace {

const Uuid scrub_uuid{0x96, 0xda, 0xd7, 0xd6, 0xfd, 0xe8, 0x48, 0x2b,
                      0xa7, 0x33, 0x75, 0x77, 0x4e, 0x06, 0xdb, 0x8a};

const KnownFeature& known(std::string_view key)
{
    for (const auto& f : known_features()) {
        if (f.key == key) {
            return f;
        }
    }
    FAIL("no known feature " << key);
    return known_features().front();
}

std::vector<Field> fields_of(std::string_view key, const Bytes& data)
{
    auto fields = decode_feature(known(key), data);
    REQUIRE(fields);
    return *fields;
}

const FieldValue& value_of(const std::vector<Field>& fields, const std::string& name)
{
    for (const auto& f : fields) {
        if (f.name == name) {
            return f.value;
        }
    }
    FAIL("no field " << name);
    return fields.front().value;
}

}  // namespace

// --- requests ----------------------------------------------------------------------

TEST_CASE("cxl wire: Get Supported Features request: host-order header, count in bytes, start_idx")
{
    const auto in = build_get_supported_features(3, 2);
    REQUIRE(in.size() == request_len);
    CHECK(host32(in, 0) == 0x500);
    CHECK(host32(in, 4) == 0);  // flags
    CHECK(host32(in, 8) == 8);  // op_size
    CHECK(host32(in, 12) == 0);
    CHECK(hex(std::span(in).subspan(16, 8)) == "9000000002000000");  // count 144 = 3 x 48, start 2
    CHECK(supported_features_reply_len(0) == 24);
    CHECK(supported_features_reply_len(3) == 24 + 144);
}

TEST_CASE("cxl wire: Get Feature request: uuid, offset, count, selection at byte 36")
{
    const auto in = build_get_feature(scrub_uuid, 0x0102, 4, Selection::saved);
    REQUIRE(in.size() == request_len);
    CHECK(host32(in, 0) == 0x501);
    CHECK(host32(in, 8) == 21);
    CHECK(hex(std::span(in).subspan(16, 21)) == "96dad7d6fde8482ba73375774e06db8a" "0201" "0400" "02");
    CHECK(std::all_of(in.begin() + 37, in.end(), [](std::uint8_t b) { return b == 0; }));
    CHECK(get_feature_reply_len(4) == 20);  // >= 8 + count, the driver's out_len
    CHECK(build_get_feature(scrub_uuid, 0, 1, Selection::default_value)[get_feature_selection_offset] == 1);
}

// --- Get Supported Features ----------------------------------------------------------

TEST_CASE("cxl wire: golden Get Supported Features replies decode")
{
    const auto count = decode_supported_features(golden("get_supported_features_count.bin"));
    REQUIRE(count);
    CHECK(count->retval == 0);
    CHECK(count->total == 3);
    CHECK(count->entries.empty());

    const auto list = decode_supported_features(golden("get_supported_features_list.bin"));
    REQUIRE(list);
    REQUIRE(list->entries.size() == 3);
    const auto& scrub = list->entries[0];
    CHECK(uuid_text(scrub.uuid) == "96dad7d6-fde8-482b-a733-75774e06db8a");
    CHECK(scrub.get_size == 4);
    CHECK(scrub.set_size == 0);
    CHECK(scrub.flags == 0x60);
    CHECK(scrub.effects == 0x0202);
    const auto& vendor = list->entries[2];
    CHECK(uuid_text(vendor.uuid) == "d1b5f3a2-7c4e-4f1a-9b6d-2e8c0a4f7b13");
    CHECK(vendor.id == 3);
    CHECK(vendor.get_size == 8);
    CHECK(vendor.set_size == 8);
    CHECK(vendor.flags == 0x79);
    CHECK(vendor.get_version == 2);
    CHECK(vendor.set_version == 3);
    CHECK(vendor.effects == 0x0201);
}

TEST_CASE("cxl wire: Get Supported Features: every truncation is an error, never a read past the end")
{
    const Bytes full = golden("get_supported_features_list.bin");
    // Data ends at 8 + size = 160; the 8 trailing bytes are not needed.
    for (std::size_t len = 0; len < full.size(); ++len) {
        CAPTURE(len);
        const Bytes cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(len));
        CHECK(decode_supported_features(cut).has_value() == (len >= 160));
    }
}

TEST_CASE("cxl wire: Get Supported Features: lying size and num_entries are rejected; retval is passed on")
{
    Bytes reply = golden("get_supported_features_list.bin");
    Bytes lying = reply;
    put_host32(lying, 0, 4096);  // size beyond the reply
    CHECK_FALSE(decode_supported_features(lying));
    put_host32(lying, 0, 4);  // size below the 8-byte header
    CHECK_FALSE(decode_supported_features(lying));
    lying = reply;
    lying[8] = 4;  // num_entries 4, three carried
    CHECK_FALSE(decode_supported_features(lying));
    lying[8] = 0xff;
    lying[9] = 0xff;
    CHECK_FALSE(decode_supported_features(lying));

    Bytes refused(16, 0);
    put_host32(refused, 4, 0x04);
    const auto r = decode_supported_features(refused);
    REQUIRE(r);
    CHECK(r->retval == 4);
    CHECK(r->entries.empty());
}

// --- Get Feature ----------------------------------------------------------------------

TEST_CASE("cxl wire: golden Get Feature replies decode")
{
    const auto scrub = decode_get_feature(golden("get_feature_patrol_scrub_current.bin"), 4);
    REQUIRE(scrub);
    CHECK(scrub->retval == 0);
    CHECK(hex(scrub->data) == "010c0101");

    const auto ecs = decode_get_feature(golden("get_feature_ecs_default.bin"), 9);
    REQUIRE(ecs);
    CHECK(hex(ecs->data) == "010104000001040000");

    const auto vendor = decode_get_feature(golden("get_feature_vendor_saved.bin"), 8);
    REQUIRE(vendor);
    CHECK(hex(vendor->data) == "0020000002000000");

    const auto refused = decode_get_feature(golden("get_feature_unsupported_selection.bin"), 4);
    REQUIRE(refused);
    CHECK(refused->retval == 0x1a);
    CHECK(refused->data.empty());

    // The kernel's report of a short device answer: success code, no data.
    const auto short_read = decode_get_feature(golden("get_feature_short_read.bin"), 16);
    REQUIRE(short_read);
    CHECK(short_read->retval == 0);
    CHECK(short_read->data.empty());
}

TEST_CASE("cxl wire: Get Feature: truncations and lying sizes are errors")
{
    const Bytes full = golden("get_feature_sppr_current.bin");  // 8 + 20 data + 8
    for (std::size_t len = 0; len < full.size(); ++len) {
        CAPTURE(len);
        const Bytes cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(len));
        CHECK(decode_get_feature(cut, 20).has_value() == (len >= 28));
    }
    CHECK_FALSE(decode_get_feature(full, 19));  // size 20 > the 19 bytes asked for
    Bytes lying = full;
    put_host32(lying, 0, 0xffffffffu);
    CHECK_FALSE(decode_get_feature(lying, 0xffff));
}

TEST_CASE("cxl wire: pseudo-random replies never crash a decoder")
{
    Garbage g;
    for (int i = 0; i < 3000; ++i) {
        Bytes b = g.bytes(400);
        if (b.size() >= 8 && (i % 2) == 0) {
            put_host32(b, 4, 0);                                  // pass the retval check
            put_host32(b, 0, static_cast<std::uint32_t>(b.size() - 8 - (g.next() % 9)));  // plausible size
        }
        (void)decode_supported_features(b);
        (void)decode_get_feature(b, static_cast<std::uint16_t>(g.next()));
        for (const auto& f : known_features()) {
            (void)decode_feature(f, b);
        }
    }
    CHECK(true);
}

// --- attribute layouts -----------------------------------------------------------------

TEST_CASE("cxl wire: patrol scrub attributes: cap bits, cycle, minimum cycle, enabled")
{
    const auto reply = decode_get_feature(golden("get_feature_patrol_scrub_current.bin"), 4);
    REQUIRE(reply);
    const auto f = fields_of("patrol_scrub", reply->data);
    REQUIRE(f.size() == 5);
    CHECK(f[0].name == "patrol_scrub.cycle_changeable");
    CHECK(value_of(f, "patrol_scrub.cycle_changeable") == FieldValue(true));
    CHECK(value_of(f, "patrol_scrub.realtime_report_capable") == FieldValue(false));
    CHECK(value_of(f, "patrol_scrub.scrub_cycle_hours") == FieldValue(std::int64_t{12}));
    CHECK(value_of(f, "patrol_scrub.min_scrub_cycle_hours") == FieldValue(std::int64_t{1}));
    CHECK(value_of(f, "patrol_scrub.enabled") == FieldValue(true));
    for (std::size_t len = 0; len < 4; ++len) {
        CHECK_FALSE(decode_feature(known("patrol_scrub"), Bytes(len, 0xff)));
    }
    CHECK(decode_feature(known("patrol_scrub"), Bytes(6, 0)));  // a longer future layout: prefix decoded
}

TEST_CASE("cxl wire: ECS attributes: log type, then per media FRU threshold and count mode")
{
    const auto f = fields_of("ecs", from_hex("01" "01030000" "010c0000" "01050000" "00080000"));
    // 1 + 4 FRUs x 4 bytes = 17 -> 1 + 3 x 4 fields
    REQUIRE(f.size() == 13);
    CHECK(value_of(f, "ecs.log_entry_type") == FieldValue(std::string("per_media_fru")));
    CHECK(value_of(f, "ecs.fru0.realtime_report_capable") == FieldValue(true));
    CHECK(value_of(f, "ecs.fru0.threshold_count") == FieldValue(std::int64_t{256}));
    CHECK(value_of(f, "ecs.fru0.count_mode") == FieldValue(std::string("rows")));
    CHECK(value_of(f, "ecs.fru1.threshold_count") == FieldValue(std::int64_t{1024}));
    CHECK(value_of(f, "ecs.fru1.count_mode") == FieldValue(std::string("codewords")));
    CHECK(value_of(f, "ecs.fru2.threshold_count") == FieldValue(std::int64_t{4096}));
    CHECK(value_of(f, "ecs.fru3.threshold_count") == FieldValue(std::string("reserved (index 0)")));
    CHECK(value_of(f, "ecs.fru3.count_mode") == FieldValue(std::string("codewords")));
    CHECK(value_of(fields_of("ecs", from_hex("0201040000")), "ecs.log_entry_type") ==
          FieldValue(std::string("reserved (2)")));

    CHECK_FALSE(decode_feature(known("ecs"), Bytes(1, 0)));   // no FRU
    CHECK_FALSE(decode_feature(known("ecs"), Bytes(7, 0)));   // not 1 + 4n
    CHECK(decode_feature(known("ecs"), Bytes(1 + 4 * max_ecs_frus, 0)));
    CHECK_FALSE(decode_feature(known("ecs"), Bytes(1 + 4 * (max_ecs_frus + 1), 0)));
}

TEST_CASE("cxl wire: PPR and sparing attributes")
{
    const auto sppr = decode_get_feature(golden("get_feature_sppr_current.bin"), 20);
    REQUIRE(sppr);
    const auto p = fields_of("sppr", sppr->data);
    REQUIRE(p.size() == 10);
    CHECK(value_of(p, "sppr.device_initiated_capable") == FieldValue(true));
    CHECK(value_of(p, "sppr.device_initiated_enabled") == FieldValue(false));
    CHECK(value_of(p, "sppr.dpa_supported") == FieldValue(true));
    CHECK(value_of(p, "sppr.nibble_mask_supported") == FieldValue(true));
    CHECK(value_of(p, "sppr.sparing_event_record_supported") == FieldValue(false));
    CHECK(value_of(p, "sppr.boot_time_ppr_capable") == FieldValue(true));
    CHECK(value_of(p, "sppr.media_accessible_during_repair") == FieldValue(true));
    CHECK(value_of(p, "sppr.data_retained_during_repair") == FieldValue(true));
    CHECK(value_of(p, "sppr.sparing_event_record_enabled") == FieldValue(true));
    CHECK(value_of(p, "sppr.boot_time_ppr_enabled") == FieldValue(false));
    Bytes restricted = sppr->data;
    restricted[17] = 0x05;  // restriction_flags: bits 0 and 2 set
    const auto r = fields_of("hppr", restricted);
    CHECK(value_of(r, "hppr.media_accessible_during_repair") == FieldValue(false));
    CHECK(value_of(r, "hppr.data_retained_during_repair") == FieldValue(false));
    CHECK_FALSE(decode_feature(known("sppr"), Bytes(19, 0)));

    Bytes sparing(19, 0);
    sparing[3] = 0x01;   // op_mode bit 0
    sparing[17] = 0x07;  // not safe in use, hard and soft supported
    const auto s = fields_of("rank_sparing", sparing);
    REQUIRE(s.size() == 5);
    CHECK(value_of(s, "rank_sparing.device_initiated_capable") == FieldValue(false));
    CHECK(value_of(s, "rank_sparing.device_initiated_enabled") == FieldValue(true));
    CHECK(value_of(s, "rank_sparing.safe_when_in_use") == FieldValue(false));
    CHECK(value_of(s, "rank_sparing.hard_sparing_supported") == FieldValue(true));
    CHECK(value_of(s, "rank_sparing.soft_sparing_supported") == FieldValue(true));
    CHECK_FALSE(decode_feature(known("row_sparing"), Bytes(18, 0)));
}

// --- catalogue and text ------------------------------------------------------------------

TEST_CASE("cxl wire: the eight kernel features are known by UUID; others are not")
{
    CHECK(known_features().size() == 8);
    const KnownFeature* f = find_known_feature(scrub_uuid);
    REQUIRE(f != nullptr);
    CHECK(f->name == "Patrol Scrub Control");
    CHECK(f->kernel_exclusive);
    Uuid other = scrub_uuid;
    other[15] ^= 1;
    CHECK(find_known_feature(other) == nullptr);
    for (const auto& k : known_features()) {
        CHECK(k.uuid.size() == 36);
    }
}

TEST_CASE("cxl wire: return codes, selections and reset persistence have names")
{
    CHECK(return_code_text(0x03) == "0x0003 Unsupported");
    CHECK(return_code_text(0x15) == "0x0015 Unsupported Mailbox or CCI");
    CHECK(return_code_text(0x1a) == "0x001a Unsupported Feature Selection Value");
    CHECK(return_code_text(0x1e) == "0x001e Invalid Extent List");
    CHECK(return_code_text(0x1234) == "0x1234 (unknown return code)");
    CHECK(selection_name(Selection::default_value) == "default");
    CHECK(reset_persistence_name(0x79) == "cold_reset");
    CHECK(reset_persistence_name(0x02) == "cxl_reset");
    CHECK(reset_persistence_name(0x0e) == "reserved");
    CHECK(uuid_text(scrub_uuid) == "96dad7d6-fde8-482b-a733-75774e06db8a");
}
