#include "collector/collect_device.hpp"

#include <chrono>
#include <exception>
#include <mutex>

#include "collector/fwctl_device.hpp"
#include "collector/udev_enumerator.hpp"
#include "collector/elapsed.hpp"

namespace fwctl {

namespace {

using Clock = SteadyClock;

const Plugin* find_plugin(std::span<const Plugin* const> plugins, std::uint32_t type_id)
{
    for (const Plugin* plugin : plugins) {
        if (plugin != nullptr && plugin->info().type_id == type_id) {
            return plugin;
        }
    }
    return nullptr;
}

// libudev is not thread-safe, and under umockdev its sysfs reads go through a
// preload library shared by all threads. Each call makes its own udev context,
// which libudev allows per thread, but the reads are few and fast, so they are
// simply done one at a time.
std::map<std::string, std::string> read_parent_attributes_serialised(
    const DeviceIdentity& identity, std::span<const std::string_view> names)
{
    static std::mutex udev_mutex;
    std::lock_guard lock(udev_mutex);
    return read_parent_attributes(identity, names);
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

// Tells the watch (if any) where the worker is; a no-op without one.
class Reporter {
public:
    explicit Reporter(DeviceWatch* watch) : watch_(watch) {}
    void stage(const char* what) const
    {
        if (watch_ != nullptr) {
            watch_->stage(what);
        }
    }
    void publish(const DeviceRecord& record) const
    {
        if (watch_ != nullptr) {
            watch_->publish(record);
        }
    }

private:
    DeviceWatch* watch_;
};

}  // namespace

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

DeviceRecord collect_device(DeviceIdentity identity, std::span<const Plugin* const> plugins,
                            DeviceWatch* watch)
{
    const auto start = Clock::now();
    const Reporter reporter(watch);
    DeviceRecord record;
    record.identity = std::move(identity);
    record.errors = record.identity.errors;
    const std::string& name = record.identity.name;
    reporter.publish(record);

    reporter.stage("open");
    auto device = FwctlDevice::open(name, record.identity.devnode);
    if (!device) {
        record.errors.push_back(ErrorEntry::from("open", device.error()));
        explain_empty_sections(record, "the device node could not be opened; see errors");
        record.duration_ns = elapsed_ns(start);
        return record;
    }
    if (watch != nullptr) {
        device->set_cancel_flag(&watch->cancel_flag());
    }
    reporter.stage("FWCTL_INFO");
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
    reporter.publish(record);
    reporter.stage("parent attributes");
    record.identity.parent_attributes =
        read_parent_attributes_serialised(record.identity, plugin->parent_attributes());
    reporter.publish(record);
    reporter.stage("");

    RpcChannel channel(*device, plugin->allowlist(), watch);
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

}  // namespace fwctl
