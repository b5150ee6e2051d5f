#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "report/redact/redaction_key.hpp"

using namespace fwctl;
using namespace fwctl::report::redact;
namespace fs = std::filesystem;

namespace {

struct KeyDir {
    fs::path path = fs::temp_directory_path() / ("fwctl-key-test-" + std::to_string(::getpid()));
    KeyDir() { fs::create_directories(path); }
    ~KeyDir() { fs::remove_all(path); }
    std::string write(const std::string& name, const std::string& content) const
    {
        std::ofstream(path / name) << content;
        return (path / name).string();
    }
};

}  // namespace

TEST_CASE("redaction key: a key file gives its bytes, without trailing newlines")
{
    KeyDir dir;
    auto plain = RedactionKey::from_file(dir.write("plain", "0123456789abcdef"));
    auto echoed = RedactionKey::from_file(dir.write("echoed", "0123456789abcdef\n"));
    REQUIRE(plain);
    REQUIRE(echoed);
    CHECK(plain->bytes() == echoed->bytes());
    CHECK(plain->bytes().size() == 16);
    CHECK(plain->keyed());
}

TEST_CASE("redaction key: unusable files are refused with a message that names the file, never the key")
{
    KeyDir dir;
    const auto short_key = RedactionKey::from_file(dir.write("short", "hunter2\n"));
    REQUIRE_FALSE(short_key);
    CHECK(short_key.error().code == Errc::invalid_input);
    CHECK(short_key.error().message().find("short") != std::string::npos);
    CHECK(short_key.error().message().find("hunter2") == std::string::npos);

    const auto big = RedactionKey::from_file(dir.write("big", std::string(max_key_bytes + 1, 'z')));
    REQUIRE_FALSE(big);
    CHECK(big.error().message().find("zzzz") == std::string::npos);

    CHECK_FALSE(RedactionKey::from_file(dir.path.string()));               // a directory
    CHECK_FALSE(RedactionKey::from_file((dir.path / "missing").string()));  // no such file
    CHECK(RedactionKey::from_file((dir.path / "missing").string()).error().sys_errno == ENOENT);
    CHECK(RedactionKey::from_file(dir.write("max", std::string(max_key_bytes, 'k'))));
}

TEST_CASE("redaction key: random keys differ and are not keyed")
{
    auto a = RedactionKey::random();
    auto b = RedactionKey::random();
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->bytes().size() == 32);
    CHECK(a->bytes() != b->bytes());
    CHECK_FALSE(a->keyed());
}
