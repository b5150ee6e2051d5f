#include <doctest/doctest.h>

#include "collector/host_info.hpp"

using namespace fwctl;

TEST_CASE("host_info: lockdown reports the bracketed mode")
{
    CHECK(parse_lockdown("[none] integrity confidentiality\n").value() == "none");
    CHECK(parse_lockdown("none integrity [confidentiality]").value() == "confidentiality");
    CHECK_FALSE(parse_lockdown("none integrity"));
    CHECK_FALSE(parse_lockdown(""));
}

TEST_CASE("host_info: os-release fields are unquoted")
{
    const auto os = parse_os_release("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
                                     "# comment\nID=debian\nVERSION_ID='12'\nNAME=x\n");
    CHECK(os.id.value() == "debian");
    CHECK(os.version_id.value() == "12");
    CHECK(os.pretty_name.value() == "Debian GNU/Linux 12 (bookworm)");
}

TEST_CASE("host_info: missing os-release keys stay null")
{
    const auto os = parse_os_release("garbage line\n=\n");
    CHECK_FALSE(os.id);
    CHECK_FALSE(os.version_id);
    CHECK_FALSE(os.pretty_name);
}
