// Plain value types for everything the collector learns. The report layer
// turns a Snapshot into the schema-v1 document; nothing here formats text.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "collector/error.hpp"

namespace fwctl {

// Vendor plugins describe firmware/config/health as ordered trees: the keys are
// the report's public contract and keep the order the plugin chose.
using Tree = nlohmann::ordered_json;

// One failure, as it appears in the report (Rule 2: what, where, errno).
struct ErrorEntry {
    std::string stage;    // enumerate | sysfs | open | info | rpc | plugin | taint | host | output
    std::string what;     // the device, RPC or file concerned
    int sys_errno = 0;    // 0 when no errno applies
    std::string message;  // one sentence a support engineer can act on

    static ErrorEntry from(std::string stage, const Error& error);
};

struct PciLink {
    std::optional<std::string> speed;  // "16.0 GT/s PCIe"
    std::optional<int> width;
};

struct PciIdentity {
    std::string address;  // 0000:03:00.0
    std::optional<std::string> vendor_id, device_id, subsystem_vendor_id, subsystem_device_id,
        revision, device_class;  // lowercase "0x15b3"
    std::optional<int> numa_node;
    PciLink link;
};

struct ParentIdentity {
    std::string subsystem;              // pci, cxl, ...
    std::string sysname;                // 0000:03:00.0, mem0
    std::optional<std::string> driver;  // mlx5_core, cxl_pci, ...
    std::optional<PciIdentity> pci;     // when the parent (or its ancestor) is PCI
};

// What sysfs/udev says about one fwctl device, before any ioctl.
struct DeviceIdentity {
    std::string name;     // fwctl0
    std::string syspath;  // for messages only; not reported
    std::string devnode;  // /dev/fwctl/fwctl0
    std::string dev;      // "511:0"
    std::optional<ParentIdentity> parent;
    // Attributes a plugin asked for (Plugin::parent_attributes); absent ones are missing.
    std::map<std::string, std::string> parent_attributes;
    std::vector<ErrorEntry> errors;  // odd sysfs: recorded, never fatal
};

struct InfoData {
    std::uint32_t type_id = 0;
    std::vector<std::uint8_t> data;  // device-specific FWCTL_INFO bytes
};

struct RpcStats {
    std::uint64_t sent = 0;     // reached the kernel
    std::uint64_t failed = 0;   // errno or in-band error
    std::uint64_t refused = 0;  // stopped by the guard, never sent
    std::uint64_t device_ns = 0;  // time spent inside ioctl()
};

// What a vendor plugin adds. Empty sections carry a reason in `notes`.
struct PluginSections {
    Tree info = Tree::object();      // decoded FWCTL_INFO data
    Tree firmware = Tree::object();
    Tree config = Tree::array();
    Tree health = Tree::object();
    std::map<std::string, std::string> notes;  // section -> why it is empty or partial
    std::vector<ErrorEntry> errors;
};

struct DeviceRecord {
    DeviceIdentity identity;
    std::optional<InfoData> info;        // nullopt: open or FWCTL_INFO failed
    std::optional<std::string> plugin;   // plugin name, when one handles the type
    PluginSections sections;
    std::vector<ErrorEntry> errors;      // identity + open/INFO + plugin errors
    RpcStats rpc;
    std::uint64_t duration_ns = 0;
    // The device did not finish within its deadline (--timeout) or the run's
    // (--max-time); `errors` has a `timeout` entry naming what was in flight.
    bool timed_out = false;
};

struct TaintFlag {
    unsigned bit = 0;
    char letter = '?';     // '?' for bits the tool does not know
    std::string name;      // TAINT_FWCTL ... or "bit 23"
};

struct TaintState {
    std::uint64_t value = 0;
    std::vector<TaintFlag> flags;
};

struct ModuleTaint {
    std::string module;
    std::string taint;  // the letters from /sys/module/<m>/taint, "" when clean
};

struct TaintReport {
    std::optional<TaintState> before, after;  // nullopt: unreadable (see errors)
    std::vector<ModuleTaint> modules;
};

struct OsRelease {
    std::optional<std::string> id, version_id, pretty_name;
};

struct HostInfo {
    std::string hostname;
    std::string kernel_release;
    OsRelease os;
    std::optional<std::string> lockdown;  // the selected mode, nullopt when absent
};

// How the devices were collected (the run-level `collection` block).
struct RunAccounting {
    unsigned jobs = 1;                          // worker threads used at most
    std::optional<double> device_timeout_s;     // --timeout; nullopt = none
    std::optional<double> max_time_s;           // --max-time; nullopt = none
    std::uint64_t devices_ns = 0;               // wall time of the device phase
    std::size_t abandoned_workers = 0;          // still blocked in an ioctl at the end
};

// A PCI function whose driver has fwctl support but that has no fwctl device
// (collector/pci_without_fwctl): the report says why and what to do.
struct DeviceWithoutFwctl {
    PciIdentity pci;
    std::string driver;        // mlx5_core, bnxt_en, pds_core, cxl_pci
    std::string fwctl_driver;  // mlx5_fwctl, bnxt_fwctl, pds_fwctl, cxl_core
    std::string reason;        // no_fwctl_in_kernel | fwctl_driver_not_loaded | not_offered
};

struct Snapshot {
    std::string collected_at;  // RFC 3339 UTC
    std::uint64_t duration_ns = 0;
    RunAccounting collection;
    HostInfo host;
    TaintReport taint;
    std::vector<DeviceRecord> devices;
    std::vector<DeviceWithoutFwctl> devices_without_fwctl;
    std::vector<ErrorEntry> errors;  // not tied to one device
    std::map<std::string, std::string> notes;  // e.g. why `devices` is empty
};

}  // namespace fwctl
