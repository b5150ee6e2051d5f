// Every plugin in the registry follows the same rules (like sos's conformance
// test): a name, a unique device type, an allowlist within scope <= 1 where
// every rule pins the request, a README with the common headings, and an
// emulation module for fwctl-sim.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "plugins/registry.hpp"

using namespace fwctl;

TEST_CASE("conformance: every plugin has a name, a unique type and a safe allowlist")
{
    std::set<std::uint32_t> types;
    REQUIRE_FALSE(plugins::registry().empty());
    for (const Plugin* plugin : plugins::registry()) {
        REQUIRE(plugin != nullptr);
        CAPTURE(plugin->info().name);
        CHECK_FALSE(plugin->info().name.empty());
        CHECK_FALSE(plugin->info().summary.empty());
        CHECK(types.insert(plugin->info().type_id).second);
        CHECK(check_allowlist(plugin->allowlist()));
        for (const auto& rule : plugin->allowlist()) {
            CHECK(rule.scope <= 1);
            CHECK_FALSE(rule.fields.empty());
            CHECK_FALSE(rule.name.empty());
        }
    }
}

TEST_CASE("conformance: every plugin folder has a README with the common headings and an emulation module")
{
    const std::filesystem::path root = FWCTL_SOURCE_DIR;
    const char* headings[] = {"## Device type", "## Kernel driver", "## RPCs used",
                              "## Fields reported", "## Known quirks", "## Tests and fixtures"};
    for (const Plugin* plugin : plugins::registry()) {
        const auto dir = root / "plugins" / std::string(plugin->info().name);
        CAPTURE(dir);
        std::ifstream readme(dir / "README.md");
        REQUIRE(readme);
        std::stringstream text;
        text << readme.rdbuf();
        std::size_t last = 0;
        for (const char* h : headings) {
            const auto at = text.str().find(h);
            CHECK_MESSAGE(at != std::string::npos, "missing heading " << h);
            if (at != std::string::npos) {
                CHECK_MESSAGE(at >= last, "heading out of order: " << h);
                last = at;
            }
        }
        const auto module = dir / "tests" / (std::string(plugin->info().name) + "_sim_module.cpp");
        CHECK_MESSAGE(std::filesystem::exists(module), "missing emulation module " << module);
        CHECK_MESSAGE(std::filesystem::exists(dir / "tests" / "lab.yaml"), "missing lab for " << dir);
        CHECK_MESSAGE(std::filesystem::exists(dir / "tests" / "golden" / "devices.yaml"),
                      "missing golden report for " << dir);
    }
}

TEST_CASE("conformance: a plugin that sends RPCs has golden reply bytes and decoder tests")
{
    const std::filesystem::path root = FWCTL_SOURCE_DIR;
    for (const Plugin* plugin : plugins::registry()) {
        if (plugin->allowlist().empty()) {
            continue;  // e.g. pds: nothing is sent, so there is nothing to decode
        }
        const std::string name(plugin->info().name);
        const auto tests = root / "plugins" / name / "tests";
        CAPTURE(tests);
        std::size_t replies = 0;
        if (std::filesystem::exists(tests / "golden" / "replies")) {
            for (const auto& e : std::filesystem::directory_iterator(tests / "golden" / "replies")) {
                replies += e.path().extension() == ".bin" ? 1 : 0;
            }
        }
        CHECK_MESSAGE(replies >= plugin->allowlist().size(), "need a golden reply per allowlisted RPC");
        CHECK(std::filesystem::exists(tests / ("test_" + name + "_wire.cpp")));
    }
}
