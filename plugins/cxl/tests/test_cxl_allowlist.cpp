// The allowlist against the guard: every request the plugin builds passes its own
// rule and no other; writes and reserved selections pass none.
#include <doctest/doctest.h>

#include "collector/rpc_guard.hpp"
#include "plugins/cxl/cxl_allowlist.hpp"
#include "plugins/cxl/tests/cxl_test_util.hpp"

using namespace fwctl;
using namespace fwctl::plugins::cxl;

namespace {

const Uuid uuid{0x96, 0xda, 0xd7, 0xd6, 0xfd, 0xe8, 0x48, 0x2b, 0xa7, 0x33, 0x75, 0x77, 0x4e, 0x06, 0xdb, 0x8a};

int rules_passing(const std::vector<std::uint8_t>& request, std::size_t reply)
{
    int n = 0;
    for (const auto& rule : allowlist()) {
        n += check_rpc(allowlist(), rule, request, reply) ? 1 : 0;
    }
    return n;
}

}  // namespace

TEST_CASE("cxl allowlist: four read rules at scope 1, each pinning opcode and op_size")
{
    REQUIRE(allowlist().size() == 4);
    CHECK(check_allowlist(allowlist()));
    for (const auto& rule : allowlist()) {
        CHECK(rule.scope == 1);
        CHECK(rule.fields.size() >= 2);
        CHECK(rule.max_request_len == 48);
    }
}

TEST_CASE("cxl allowlist: each built request passes exactly its own rule")
{
    const auto sup = build_get_supported_features(features_per_request, 0);
    CHECK(check_rpc(allowlist(), get_supported_features_rule(), sup,
                    supported_features_reply_len(features_per_request)));
    CHECK(rules_passing(sup, supported_features_reply_len(features_per_request)) == 1);
    CHECK_FALSE(check_rpc(allowlist(), get_supported_features_rule(), sup,
                          supported_features_reply_len(features_per_request + 1)));

    for (Selection s : {Selection::current, Selection::default_value, Selection::saved}) {
        CAPTURE(selection_name(s));
        const auto in = build_get_feature(uuid, 0, feature_bytes_per_request, s);
        const auto reply = get_feature_reply_len(feature_bytes_per_request);
        CHECK(check_rpc(allowlist(), get_feature_rule(s), in, reply));
        CHECK(rules_passing(in, reply) == 1);
    }
}

TEST_CASE("cxl allowlist: Set Feature, reserved selections and a wrong op_size pass no rule")
{
    auto set_feature = build_get_feature(uuid, 0, 4, Selection::current);
    cxl_test::put_host32(set_feature, 0, 0x0502);
    CHECK(rules_passing(set_feature, 64) == 0);

    auto reserved = build_get_feature(uuid, 0, 4, Selection::current);
    reserved[get_feature_selection_offset] = 3;
    CHECK(rules_passing(reserved, 64) == 0);

    auto high_opcode = build_get_feature(uuid, 0, 4, Selection::current);
    cxl_test::put_host32(high_opcode, 0, 0x10501);  // the kernel would keep only 0x0501
    CHECK(rules_passing(high_opcode, 64) == 0);

    auto bad_size = build_get_supported_features(1, 0);
    cxl_test::put_host32(bad_size, 8, 21);
    CHECK(rules_passing(bad_size, 64) == 0);
}
