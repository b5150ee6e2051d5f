// Schema-v1 documents as YAML text. The output is read back identically by
// YAML 1.2 readers (yaml-cpp, our yaml_reader) and YAML 1.1 readers (PyYAML,
// most support tooling), so any string that either would resolve to a
// non-string is double-quoted.
//
// Written by hand rather than with yaml-cpp's Emitter (which wrote the first
// reports, in this same layout): its per-character check of every plain scalar
// was the largest CPU cost of a 256-device run (bench/RESULTS.md).
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace fwctl::report {

// Block-style YAML starting with "---\n" and ending with a newline. Key order
// is kept; no anchors, aliases or tags; non-ASCII and control characters are
// escaped, so the text is plain ASCII.
std::string to_yaml(const nlohmann::ordered_json& doc);
std::string to_yaml(const nlohmann::json& doc);

// The same text, written to `out` as it is produced: a large report is never
// held a second time as text (bench/RESULTS.md, peak RSS).
void write_yaml(std::ostream& out, const nlohmann::ordered_json& doc);

// True when `text` must be quoted to stay a string under YAML 1.1 and 1.2
// (exposed for tests and for anyone emitting YAML by hand).
bool yaml_needs_quotes(std::string_view text);

}  // namespace fwctl::report
