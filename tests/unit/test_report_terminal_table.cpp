// Specification of report/terminal_table: aligned columns for people, safe
// against whatever text a report carries.
#include <doctest/doctest.h>

#include <string>

#include "report/terminal_table.hpp"

using fwctl::report::display_width;
using fwctl::report::paint;
using fwctl::report::terminal_safe;
using fwctl::report::TextTable;
using fwctl::report::Tone;

TEST_CASE("table: columns are aligned to the widest cell, two spaces apart, without trailing blanks")
{
    TextTable table({"NAME", "VALUE", "NOTE"});
    table.add_row({{"a"}, {"12345"}, {""}});
    table.add_row({{"longer"}, {"1"}, {"x"}});
    CHECK(table.render(false) ==
          "NAME    VALUE  NOTE\n"
          "a       12345\n"
          "longer  1      x\n");
    CHECK(table.render(false, 2).rfind("  NAME", 0) == 0);
}

TEST_CASE("table: width counts characters, not bytes, and long cells are cut")
{
    CHECK(display_width("café") == 4);
    TextTable table({"A", "B"});
    table.add_row({{std::string(100, 'x')}, {"é"}});
    const std::string text = table.render(false);
    CHECK(text.find(std::string(TextTable::max_cell_width - 3, 'x') + "...  é\n") != std::string::npos);
}

TEST_CASE("table: colour codes do not disturb the alignment")
{
    TextTable table({"A", "B"});
    table.add_row({{"1", Tone::bad}, {"x"}});
    table.add_row({{"22"}, {"y"}});
    CHECK(table.render(true) == "\033[2mA\033[0m   \033[2mB\033[0m\n\033[1;31m1\033[0m   x\n22  y\n");
}

TEST_CASE("terminal_safe: control characters, C0 and C1, become '?'")
{
    CHECK(terminal_safe("a\033[31mb\nc\x7f") == "a?[31mb?c?");
    CHECK(terminal_safe("\xc2\x9b" "2J") == "?2J");
    CHECK(terminal_safe("é ü") == "é ü");
}

TEST_CASE("paint: plain text without colour")
{
    CHECK(paint("x", Tone::bad, false) == "x");
    CHECK(paint("x", Tone::plain, true) == "x");
    CHECK(paint("x", Tone::good, true) == "\033[32mx\033[0m");
}
