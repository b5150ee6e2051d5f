// The read loops over fake request functions: paging of the feature list and of
// large feature values, and how in-band codes and kernel quirks are classified.
#include <doctest/doctest.h>

#include <vector>

#include "plugins/cxl/cxl_reads.hpp"

using namespace fwctl;
using namespace fwctl::plugins::cxl;

namespace {

// A device with `total` features that answers at most `cap` entries per request.
struct FakeList {
    std::uint16_t total = 0;
    std::uint32_t cap = 0xffffffff;
    std::vector<std::pair<std::uint32_t, std::uint16_t>> asked;  // (entries, start)

    Result<SupportedFeatures> operator()(std::uint32_t entries, std::uint16_t start)
    {
        asked.emplace_back(entries, start);
        SupportedFeatures r;
        r.total = total;
        const std::uint32_t n = std::min({entries, cap, static_cast<std::uint32_t>(total - start)});
        for (std::uint32_t i = 0; i < n; ++i) {
            FeatureEntry e;
            e.id = static_cast<std::uint16_t>(start + i);
            r.entries.push_back(e);
        }
        return r;
    }
};

FeatureData ok_data(std::uint16_t count, std::uint8_t fill = 0xab)
{
    return FeatureData{0, std::vector<std::uint8_t>(count, fill)};
}

}  // namespace

TEST_CASE("cxl reads: the list is read as count first, then one page")
{
    FakeList dev{5};
    const auto list = read_feature_list(std::ref(dev), "fwctl0 CXL Get Supported Features");
    REQUIRE(list);
    CHECK(list->total == 5);
    CHECK(list->entries.size() == 5);
    CHECK_FALSE(list->incomplete);
    REQUIRE(dev.asked.size() == 2);
    CHECK(dev.asked[0] == std::pair<std::uint32_t, std::uint16_t>{0, 0});
    CHECK(dev.asked[1] == std::pair<std::uint32_t, std::uint16_t>{5, 0});
}

TEST_CASE("cxl reads: more features than fit one request are paged by start_idx")
{
    FakeList dev{300};
    const auto list = read_feature_list(std::ref(dev), "x");
    REQUIRE(list);
    CHECK(list->entries.size() == 300);
    REQUIRE(dev.asked.size() == 4);
    CHECK(dev.asked[1] == std::pair<std::uint32_t, std::uint16_t>{128, 0});
    CHECK(dev.asked[2] == std::pair<std::uint32_t, std::uint16_t>{128, 128});
    CHECK(dev.asked[3] == std::pair<std::uint32_t, std::uint16_t>{44, 256});
    for (std::size_t i = 0; i < list->entries.size(); ++i) {
        CHECK(list->entries[i].id == i);
    }

    FakeList stingy{10, 3};  // answers fewer than asked: the next page starts after them
    const auto l2 = read_feature_list(std::ref(stingy), "x");
    REQUIRE(l2);
    CHECK(l2->entries.size() == 10);
    CHECK(stingy.asked.back().second == 9);
}

TEST_CASE("cxl reads: a list longer than max_features is cut there, and no list is an empty list")
{
    FakeList dev{5000};
    const auto list = read_feature_list(std::ref(dev), "x");
    REQUIRE(list);
    CHECK(list->total == 5000);
    CHECK(list->entries.size() == max_features);

    FakeList none{0};
    const auto empty = read_feature_list(std::ref(none), "x");
    REQUIRE(empty);
    CHECK(empty->entries.empty());
    CHECK(none.asked.size() == 1);
}

TEST_CASE("cxl reads: list failures: first request, device code, empty page, later page")
{
    auto failing = [](std::uint32_t, std::uint16_t) -> Result<SupportedFeatures> {
        return fail(Errc::io, "fwctl0 CXL Get Supported Features", "ioctl failed", 5);
    };
    CHECK(read_feature_list(failing, "x").error().sys_errno == 5);

    auto refusing = [](std::uint32_t, std::uint16_t) -> Result<SupportedFeatures> {
        return SupportedFeatures{0x04, 0, {}};
    };
    const auto refused = read_feature_list(refusing, "fwctl0 CXL Get Supported Features");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == Errc::device_status);
    CHECK(refused.error().detail == "device returned CXL return code 0x0004 Internal Error");

    FakeList empty_pages{3, 0};  // claims 3, returns none
    CHECK_FALSE(read_feature_list(std::ref(empty_pages), "x"));

    int calls = 0;
    auto second_page_fails = [&](std::uint32_t entries, std::uint16_t start) -> Result<SupportedFeatures> {
        ++calls;
        if (calls == 3) {
            return fail(Errc::io, "x", "ioctl failed", 5);
        }
        FakeList d{200};
        return d(entries, start);
    };
    const auto partial = read_feature_list(second_page_fails, "x");
    REQUIRE(partial);
    CHECK(partial->entries.size() == 128);
    REQUIRE(partial->incomplete);
    CHECK(partial->incomplete->sys_errno == 5);
}

TEST_CASE("cxl reads: a value is read whole, or paged by offset when larger than one request")
{
    std::vector<std::pair<std::uint16_t, std::uint16_t>> asked;
    auto dev = [&](std::uint16_t offset, std::uint16_t count) -> Result<FeatureData> {
        asked.emplace_back(offset, count);
        return ok_data(count, static_cast<std::uint8_t>(offset >> 8));
    };
    const auto small = read_feature_value(dev, 4, "w", "f");
    REQUIRE(small.data);
    CHECK(small.data->size() == 4);
    CHECK(small.status == "ok");
    CHECK(asked == std::vector<std::pair<std::uint16_t, std::uint16_t>>{{0, 4}});

    asked.clear();
    const auto big = read_feature_value(dev, 10000, "w", "f");
    REQUIRE(big.data);
    CHECK(big.data->size() == 10000);
    CHECK(asked == std::vector<std::pair<std::uint16_t, std::uint16_t>>{{0, 4096}, {4096, 4096}, {8192, 1808}});
    CHECK((*big.data)[4096] == 0x10);  // the second page landed at its offset

    asked.clear();
    const auto largest = read_feature_value(dev, 0xffff, "w", "f");
    REQUIRE(largest.data);
    CHECK(largest.data->size() == 0xffff);
    CHECK(asked.size() == 16);
}

TEST_CASE("cxl reads: return codes become not_supported, bad_parameter or error with an errors entry")
{
    auto code = [](std::uint32_t rc) {
        return [rc](std::uint16_t, std::uint16_t) -> Result<FeatureData> { return FeatureData{rc, {}}; };
    };
    const auto unsupported = read_feature_value(code(0x03), 4, "fwctl0 CXL Get Feature (default)", "feature X");
    CHECK_FALSE(unsupported.data);
    CHECK(unsupported.status == "not_supported");
    CHECK(unsupported.reason == "device returned CXL return code 0x0003 Unsupported");
    CHECK_FALSE(unsupported.error);
    CHECK(read_feature_value(code(0x1a), 4, "w", "f").status == "not_supported");
    CHECK(read_feature_value(code(0x15), 4, "w", "f").status == "not_supported");
    CHECK(read_feature_value(code(0x02), 4, "w", "f").status == "bad_parameter");

    const auto internal = read_feature_value(code(0x04), 4, "fwctl0 CXL Get Feature (current)", "feature X");
    CHECK(internal.status == "error");
    REQUIRE(internal.error);
    CHECK(internal.error->code == Errc::device_status);
    CHECK(internal.error->where == "fwctl0 CXL Get Feature (current)");
    CHECK(internal.error->detail == "feature X: device returned CXL return code 0x0004 Internal Error");
}

TEST_CASE("cxl reads: short answers and delivery failures are errors")
{
    auto short_read = [](std::uint16_t, std::uint16_t) -> Result<FeatureData> { return FeatureData{0, {}}; };
    const auto s = read_feature_value(short_read, 16, "w", "f");
    CHECK(s.status == "error");
    CHECK(s.reason.find("fewer bytes than asked for") != std::string::npos);
    CHECK(s.error);

    auto partial = [](std::uint16_t, std::uint16_t count) -> Result<FeatureData> {
        return ok_data(static_cast<std::uint16_t>(count - 1));
    };
    const auto p = read_feature_value(partial, 16, "w", "f");
    CHECK(p.status == "error");
    CHECK(p.reason == "the device returned 15 of 16 bytes at offset 0");

    auto broken = [](std::uint16_t, std::uint16_t) -> Result<FeatureData> {
        return fail(Errc::io, "fwctl0 CXL Get Feature (saved)", "FWCTL_RPC failed", 5);
    };
    const auto b = read_feature_value(broken, 4, "w", "feature X");
    CHECK(b.status == "error");
    CHECK(b.reason == "the request failed (FWCTL_RPC failed); see errors");
    REQUIRE(b.error);
    CHECK(b.error->sys_errno == 5);
    CHECK(b.error->where == "fwctl0 CXL Get Feature (saved)");
    CHECK(b.error->detail == "feature X: FWCTL_RPC failed");

    CHECK(ValueRead::not_requested("why").status == "unavailable");
}
