#include "collector/collect.hpp"

#include <chrono>
#include <ctime>
#include <exception>
#include <filesystem>

#include "collector/device_type.hpp"
#include "collector/fwctl_device.hpp"
#include "collector/host_info.hpp"
#include "collector/taint.hpp"
#include "collector/udev_enumerator.hpp"

namespace fwctl {

namespace {

using Clock = std::chrono::steady_clock;

std::uint64_t elapsed_ns(Clock::time_point start)
{
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count());
}

const Plugin* find_plugin(std::span<const Plugin* const> plugins, std::uint32_t type_id)
{
    for (const Plugin* plugin : plugins) {
        if (plugin != nullptr && plugin->info().type_id == type_id) {
            return plugin;
        }
    }
    return nullptr;
}

// Every empty section says why (Rule 2): keep the plugin's reason, or give one.
void explain_empty_sections(DeviceRecord& record, std::string_view fallback)
{
    auto& s = record.sections;
    auto explain = [&](const char* section, const Tree& tree) {
        if (tree.empty() && !s.notes.contains(section)) {
            s.notes[section] = std::string(fallback);
        }
    };
    explain("firmware", s.firmware);
    explain("config", s.config);
    explain("health", s.health);
}

PluginSections run_plugin(const Plugin& plugin, RpcChannel& channel, const DeviceIdentity& identity,
                          const InfoData& info)
{
    try {
        return plugin.inspect(channel, identity, info);
    } catch (const std::exception& e) {
        // A plugin bug must not cost the rest of the report.
        PluginSections sections;
        sections.errors.push_back({"plugin", identity.name + " " + std::string(plugin.info().name), 0,
                                   std::string("plugin failed unexpectedly: ") + e.what()});
        return sections;
    } catch (...) {
        PluginSections sections;
        sections.errors.push_back({"plugin", identity.name + " " + std::string(plugin.info().name), 0,
                                   "plugin failed unexpectedly"});
        return sections;
    }
}

// An empty device list must say why (Rule 2), and what to do next.
std::string explain_no_devices()
{
    std::error_code ec;
    if (!std::filesystem::exists("/sys/class/fwctl", ec)) {
        return "no fwctl devices: /sys/class/fwctl does not exist; the kernel is older than 6.15, "
               "built without CONFIG_FWCTL, or the fwctl core module is not loaded";
    }
    return "no fwctl devices: /sys/class/fwctl is empty; load the vendor's fwctl driver "
           "(mlx5_fwctl, bnxt_fwctl, pds_fwctl; CXL memdevs need Features support)";
}

}  // namespace

std::string rfc3339_utc(std::chrono::system_clock::time_point when)
{
    const std::time_t t = std::chrono::system_clock::to_time_t(when);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

DeviceRecord collect_device(DeviceIdentity identity, std::span<const Plugin* const> plugins)
{
    const auto start = Clock::now();
    DeviceRecord record;
    record.identity = std::move(identity);
    record.errors = record.identity.errors;
    const std::string& name = record.identity.name;

    auto device = FwctlDevice::open(name, record.identity.devnode);
    if (!device) {
        record.errors.push_back(ErrorEntry::from("open", device.error()));
        explain_empty_sections(record, "the device node could not be opened; see errors");
        record.duration_ns = elapsed_ns(start);
        return record;
    }
    auto info = device->info();
    if (!info) {
        record.errors.push_back(ErrorEntry::from("info", info.error()));
        explain_empty_sections(record, "FWCTL_INFO failed, so the device type is unknown; see errors");
        record.duration_ns = elapsed_ns(start);
        return record;
    }
    record.info = *info;

    const Plugin* plugin = find_plugin(plugins, info->type_id);
    if (plugin == nullptr) {
        record.sections.notes["device"] =
            "no plugin for fwctl device type " + std::to_string(info->type_id) +
            "; only sysfs identity and FWCTL_INFO are reported";
        explain_empty_sections(record, "no plugin for this device type");
        record.duration_ns = elapsed_ns(start);
        return record;
    }
    record.plugin = std::string(plugin->info().name);
    record.identity.parent_attributes = read_parent_attributes(record.identity, plugin->parent_attributes());
    RpcChannel channel(*device, plugin->allowlist());
    record.sections = run_plugin(*plugin, channel, record.identity, *info);
    record.rpc = channel.stats();
    for (auto& error : record.sections.errors) {
        record.errors.push_back(std::move(error));
    }
    record.sections.errors.clear();
    explain_empty_sections(record, "the " + std::string(plugin->info().name) +
                                       " plugin reported nothing for this section");
    record.duration_ns = elapsed_ns(start);
    return record;
}

Snapshot collect(std::vector<DeviceIdentity> devices, std::span<const Plugin* const> plugins,
                 const CollectOptions& options)
{
    const auto start = Clock::now();
    Snapshot snapshot;
    snapshot.collected_at = rfc3339_utc(std::chrono::system_clock::now());

    auto host = read_host_info();
    snapshot.host = std::move(host.host);
    for (auto& e : host.errors) {
        snapshot.errors.push_back(std::move(e));
    }

    auto before = read_kernel_taint(options.taint_path);
    if (before) {
        snapshot.taint.before = *before;
    } else {
        snapshot.errors.push_back(ErrorEntry::from("taint", before.error()));
    }

    if (devices.empty()) {
        snapshot.notes["devices"] = explain_no_devices();
    }
    const std::size_t total = devices.size();
    for (std::size_t i = 0; i < total; ++i) {
        std::string name = devices[i].name;
        snapshot.devices.push_back(collect_device(std::move(devices[i]), plugins));
        if (options.on_device_done) {
            options.on_device_done(i + 1, total, name);
        }
    }

    auto after = read_kernel_taint(options.taint_path);
    if (after) {
        snapshot.taint.after = *after;
    } else {
        snapshot.errors.push_back(ErrorEntry::from("taint", after.error()));
    }
    snapshot.taint.modules = read_module_taints();
    snapshot.duration_ns = elapsed_ns(start);
    return snapshot;
}

ErrorEntry ErrorEntry::from(std::string stage, const Error& error)
{
    return ErrorEntry{std::move(stage), error.where, error.sys_errno, error.detail};
}

}  // namespace fwctl
