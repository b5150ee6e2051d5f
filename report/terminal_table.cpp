#include "report/terminal_table.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>

namespace fwctl::report {

namespace {

bool is_continuation_byte(unsigned char c)
{
    return (c & 0xc0) == 0x80;
}

// The first `width` code points of `text`, with "..." in place of the rest.
std::string cut_to_width(const std::string& text, std::size_t width)
{
    if (display_width(text) <= width) {
        return text;
    }
    const std::size_t keep = width > 3 ? width - 3 : 0;
    std::size_t points = 0;
    std::size_t end = 0;
    for (; end < text.size(); ++end) {
        if (!is_continuation_byte(static_cast<unsigned char>(text[end]))) {
            if (points == keep) {
                break;
            }
            ++points;
        }
    }
    return text.substr(0, end) + "...";
}

const char* colour_code(Tone tone)
{
    switch (tone) {
    case Tone::good: return "\033[32m";
    case Tone::warn: return "\033[33m";
    case Tone::bad: return "\033[1;31m";
    case Tone::dim: return "\033[2m";
    case Tone::plain: return "";
    }
    return "";
}

}  // namespace

std::string terminal_safe(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7f) {
            out += '?';
        } else if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
            out += '?';  // U+0080..U+009F: C1 controls (CSI is U+009B)
            ++i;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::size_t display_width(std::string_view text)
{
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return !is_continuation_byte(static_cast<unsigned char>(c));
    }));
}

std::string paint(std::string_view text, Tone tone, bool colour)
{
    if (!colour || tone == Tone::plain || text.empty()) {
        return std::string(text);
    }
    return std::string(colour_code(tone)) + std::string(text) + "\033[0m";
}

bool use_colour_on_stdout()
{
    const char* no_colour = std::getenv("NO_COLOR");
    if (no_colour != nullptr && *no_colour != '\0') {
        return false;
    }
    return ::isatty(STDOUT_FILENO) == 1;
}

TextTable::TextTable(std::vector<std::string> headers) : headers_(std::move(headers)) {}

void TextTable::add_row(std::vector<Cell> cells)
{
    cells.resize(headers_.size());
    for (auto& cell : cells) {
        cell.text = cut_to_width(terminal_safe(cell.text), max_cell_width);
    }
    rows_.push_back(std::move(cells));
}

std::string TextTable::render(bool colour, std::size_t indent) const
{
    std::vector<std::size_t> widths;
    for (const auto& h : headers_) {
        widths.push_back(display_width(h));
    }
    for (const auto& row : rows_) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            widths[i] = std::max(widths[i], display_width(row[i].text));
        }
    }
    const std::string margin(indent, ' ');
    auto line = [&](const std::vector<Cell>& cells) {
        std::string text = margin;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            text += paint(cells[i].text, cells[i].tone, colour);
            if (i + 1 < cells.size()) {
                text += std::string(widths[i] - display_width(cells[i].text) + 2, ' ');
            }
        }
        // Empty trailing cells would leave blanks at the end of the line.
        while (!text.empty() && text.back() == ' ') {
            text.pop_back();
        }
        return text + "\n";
    };
    std::vector<Cell> header;
    for (const auto& h : headers_) {
        header.push_back({h, Tone::dim});
    }
    std::string out = line(header);
    for (const auto& row : rows_) {
        out += line(row);
    }
    return out;
}

std::string render_block(const TextBlock& block, bool colour)
{
    std::string out;
    const std::string indent = block.title.empty() ? "" : "  ";
    if (!block.title.empty()) {
        out += terminal_safe(block.title) + ":\n";
    }
    for (const auto& line : block.lines) {
        out += indent + paint(terminal_safe(line.text), line.tone, colour) + "\n";
    }
    return out;
}

}  // namespace fwctl::report
