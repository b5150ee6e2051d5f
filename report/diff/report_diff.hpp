// `fwctl-report diff A B`: what differs between two reports, as data.
// diff_reports() is a pure function of two parsed documents: it validates both
// against the compiled-in schema, then compares them with lookups that never
// throw, so any JSON value (a fuzzer's, a hostile customer file's) gives a
// DiffResult or an Error, never a crash.
//
// Compared: devices (matched by PCI address, then by serial number), their
// status, firmware running/stored/pending_activation, config entries
// (default, current, next_boot), the kernel taint flags, and the host's
// kernel release, OS, lockdown mode and the tool version. Not compared, on
// purpose: timestamps, durations, RPC counts, health readings, host name.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "collector/error.hpp"

namespace fwctl::report {

// Which device, as a person would name it.
struct DeviceRef {
    std::string name;                     // fwctl0
    std::string type;                     // mlx5
    std::optional<std::string> address;   // PCI address, else the parent's sysfs name
    std::optional<std::string> serial;    // or the redaction token standing for it
};

// One value that differs. `a`/`b` are the values as the reports have them
// (null when unknown); for presence changes field is "present" and the values
// are booleans.
struct ValueChange {
    std::string section;   // host, device, firmware, config
    std::string key;       // config: the entry's name (or id); host/firmware/device: ""
    std::string field;     // kernel_release, running, current, next_boot, status, ...
    nlohmann::json a;
    nlohmann::json b;
};

struct DeviceChange {
    DeviceRef a;
    DeviceRef b;
    std::string matched_by;            // "address" or "serial" (moved to another slot)
    std::vector<ValueChange> changes;  // never empty
};

// A config entry that differs from its default in A, in B, or in both.
// Context, not a difference by itself: two hosts may share a setting.
struct NonDefaultEntry {
    DeviceRef device;                  // as in B when the device is in B
    std::string key;                   // name, or id when the entry has no name
    std::string id;
    nlohmann::json default_value;
    // The next-boot value (or current when next-boot is unknown) and whether
    // it differs from the default; nullopt when A or B lacks the entry.
    struct Side {
        nlohmann::json value;
        bool non_default = false;
    };
    std::optional<Side> a;
    std::optional<Side> b;
};

struct TaintFlagRef {
    long long bit = 0;
    std::string letter;
    std::string name;
};

struct TaintDiff {
    // Letters of each run's before/after snapshots ("O J", "none", "unreadable").
    std::string a_before, a_after, b_before, b_after;
    std::vector<TaintFlagRef> new_flags;      // set after B's run, not after A's
    std::vector<TaintFlagRef> cleared_flags;  // set after A's run, not after B's
    bool differs = false;                     // before or after flag sets differ
};

// Enough of each report to say which is which.
struct ReportSide {
    std::string hostname;
    std::string collected_at;
    std::string tool_version;
    std::string kernel_release;
    std::size_t devices = 0;
};

struct DiffResult {
    ReportSide a;
    ReportSide b;
    std::vector<ValueChange> host;
    TaintDiff taint;
    std::vector<DeviceRef> added;      // only in B
    std::vector<DeviceRef> removed;    // only in A
    std::vector<DeviceChange> changed;
    std::vector<NonDefaultEntry> non_default;

    // Host changes + devices added and removed + value changes of matched
    // devices + 1 when the taint differs. 0 means "no difference" (exit 0).
    std::size_t difference_count() const;
};

// Errc::schema_violation naming the report ("A" or "B") and its first
// violations when either document is not a valid schema-v1 report.
Result<DiffResult> diff_reports(const nlohmann::json& a, const nlohmann::json& b);

// The serial number (or its redaction token) a device document carries:
// firmware.serial, firmware.serial_number, firmware.memdev.serial (CXL) or
// info.decoded.serial, the first that is a non-empty string.
std::optional<std::string> device_serial(const nlohmann::json& device);

}  // namespace fwctl::report
