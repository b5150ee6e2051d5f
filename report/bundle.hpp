// The set of files a report is shipped as, identical in a tar archive and in
// an --output-dir tree:
//   manifest.yaml  report.yaml  devices/<name>.yaml  schema/fwctl-report.schema.json  README
// Every document is validated against the schema before the bundle exists:
// an invalid document is a bug and nothing is written (exit 3).
#pragma once

#include <string>
#include <vector>

#include "collector/error.hpp"
#include <nlohmann/json.hpp>

#include "collector/snapshot.hpp"

namespace fwctl::report {

struct BundleMember {
    std::string path;  // relative, sanitised ("devices/fwctl0.yaml")
    std::string content;
};

struct Bundle {
    std::string top;  // fwctl-report-<host>-<stamp>: the archive's one top folder
    std::vector<BundleMember> members;  // manifest.yaml last
};

namespace redact {
class Redactor;
}

// The bundle of `report` (to_document(), perhaps with findings added, already
// redacted when `redactor` is given): devices/<name>.yaml are its devices[]
// entries, so a device file always says what report.yaml says. The redactor
// only names what was redacted (manifest, README).
Result<Bundle> make_bundle(const nlohmann::ordered_json& report, const redact::Redactor* redactor = nullptr);

// The same from a snapshot: to_document(), redacted first with a redactor
// (--redact): the top folder is then named after the redacted host name.
Result<Bundle> make_bundle(const Snapshot& snapshot, redact::Redactor* redactor = nullptr);

// A file-name-safe form: [A-Za-z0-9._-], never empty, never starting with '.'.
std::string safe_name(std::string_view text);

// 2026-11-24T06:30:00Z -> 20261124T063000Z
std::string compact_stamp(std::string_view rfc3339);

}  // namespace fwctl::report
