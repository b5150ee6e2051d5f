// The one UMockdevIoctlBase shared by every emulated /dev/fwctl/fwctlN. It runs on
// umockdev's worker thread: it copies the ioctl struct out of the client, lets the
// pure emulation (kernel_sim) decide, writes the results back and complete()s every
// request (a request that is never completed hangs the client for ever).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <umockdev.h>

#include "tests/sim/glib_ptr.hpp"
#include "tests/sim/kernel_sim.hpp"
#include "tests/sim/rpc_log.hpp"

namespace fwctl::sim {

// complete()s requests later from their own threads (lab `delay_ms`); umockdev's
// complete() is thread-safe. Destroying it drops the pending ones without completing:
// that only happens after the client process has exited.
class DelayedCompletions {
public:
    ~DelayedCompletions() { stop(); }
    // Drops pending completions (stop and join their threads).
    void stop();
    void schedule(UMockdevIoctlClient* client, long result, int err, uint32_t delay_ms);

private:
    std::mutex mutex_;
    std::vector<std::jthread> threads_;
};

class IoctlBridge {
public:
    // `log` may be null. Devices are looked up by their /dev path.
    IoctlBridge(KernelState& kernel, const std::vector<const DeviceState*>& devices, RpcLog* log);
    ~IoctlBridge();
    IoctlBridge(const IoctlBridge&) = delete;
    IoctlBridge& operator=(const IoctlBridge&) = delete;

    UMockdevIoctlBase* handler() const { return handler_.get(); }
    // Call once the client has exited, before the testbed goes away.
    void drop_delayed() { delayed_.stop(); }

private:
    static gboolean on_handle_ioctl(UMockdevIoctlBase* base, UMockdevIoctlClient* client,
                                    gpointer self);
    void handle(UMockdevIoctlClient* client);
    void handle_info(UMockdevIoctlClient* client, const DeviceState& dev, unsigned long request);
    void handle_rpc(UMockdevIoctlClient* client, const DeviceState& dev, unsigned long request);
    void finish(UMockdevIoctlClient* client, int err, uint32_t delay_ms);
    void log(nlohmann::ordered_json record);

    KernelState& kernel_;
    std::map<std::string, const DeviceState*> by_devnode_;
    RpcLog* log_;
    GObjectPtr<UMockdevIoctlBase> handler_;
    gulong signal_id_ = 0;
    DelayedCompletions delayed_;
};

}  // namespace fwctl::sim
