#include "collector/device_watch.hpp"

namespace fwctl {

void DeviceWatch::stage(std::string what)
{
    std::lock_guard lock(mutex_);
    in_flight_ = std::move(what);
}

void DeviceWatch::publish(const DeviceRecord& record)
{
    std::lock_guard lock(mutex_);
    const RpcStats rpc = record_.rpc;  // the channel's counts are newer than the record's
    record_ = record;
    record_.rpc = rpc;
}

bool DeviceWatch::about_to_send(std::string_view rpc)
{
    std::lock_guard lock(mutex_);
    if (cancelled_.load()) {
        return false;
    }
    in_flight_ = std::string(rpc);
    return true;
}

void DeviceWatch::returned(const RpcStats& stats)
{
    std::lock_guard lock(mutex_);
    record_.rpc = stats;
    in_flight_.clear();
}

DeviceWatch::Progress DeviceWatch::progress() const
{
    std::lock_guard lock(mutex_);
    return Progress{record_, in_flight_};
}

}  // namespace fwctl
