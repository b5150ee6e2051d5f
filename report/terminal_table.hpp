// Plain-text tables and titled blocks for people at a terminal (--summary,
// diff). Columns are aligned by display width; colour is an option of the
// caller, decided once (use_colour()), so the same renderer gives exact,
// testable text without it. Every cell passes through terminal_safe(): the
// text comes from reports that may be hostile, and an escape sequence in a
// serial number must not reach the terminal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fwctl::report {

// How a cell is meant to catch the eye; only shown when colour is on.
enum class Tone { plain, good, warn, bad, dim };

struct Cell {
    std::string text;
    Tone tone = Tone::plain;
};

class TextTable {
public:
    explicit TextTable(std::vector<std::string> headers);

    // Short rows are padded with empty cells; extra cells are dropped.
    void add_row(std::vector<Cell> cells);
    bool empty() const { return rows_.empty(); }

    // Header and rows, columns two spaces apart, `indent` spaces before each
    // line, no trailing blanks. Cells longer than max_cell_width are cut
    // with "...".
    std::string render(bool colour, std::size_t indent = 0) const;

    static constexpr std::size_t max_cell_width = 60;

private:
    std::vector<std::string> headers_;
    std::vector<std::vector<Cell>> rows_;
};

// A titled group of lines printed before or after a table. The summary and
// diff renderers take a list of these to print first, so a later "findings"
// section can lead without changing either renderer.
struct TextBlock {
    std::string title;          // printed as "title:" unless empty
    std::vector<Cell> lines;    // each indented by two spaces under a title
};

std::string render_block(const TextBlock& block, bool colour);

// Control characters (C0, DEL, C1) become '?', so no byte of the input can
// move the cursor or change colours.
std::string terminal_safe(std::string_view text);

// Columns a UTF-8 string takes: one per code point (no East Asian widths;
// reports are ASCII in practice).
std::size_t display_width(std::string_view text);

// `text` wrapped in the ANSI colour of `tone` when colour is on.
std::string paint(std::string_view text, Tone tone, bool colour);

// Colour for standard output: only on a terminal, and not when NO_COLOR is
// set to a non-empty value (https://no-color.org).
bool use_colour_on_stdout();

}  // namespace fwctl::report
