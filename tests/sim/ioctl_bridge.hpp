// The one UMockdevIoctlBase shared by every emulated /dev/fwctl/fwctlN. It runs on
// umockdev's worker thread: it copies the ioctl struct out of the client, lets the
// pure emulation (kernel_sim) decide, writes the results back and complete()s every
// request (a request that is never completed hangs the client for ever).
//
// Replies with a delay (firmware latency, `delay_ms`) are complete()d later by a
// ReplyScheduler, so the worker thread goes on serving other clients meanwhile. What
// umockdev 0.17.16 (Debian 12) requires for that, from umockdev-ioctl.vala:
//  - complete() may be called from any thread: it stores the result and queues the
//    reply with g_main_context_invoke() on the client's main context (umockdev's
//    "umockdev-testbed-worker" thread), which writes the changed buffers back and
//    answers the client. So every resolve() and buffer write happens in the handler,
//    on the worker thread; the timer thread only calls complete().
//  - Nothing keeps the client alive once the handler has returned, so a deferred
//    completion holds its own g_object_ref until complete() has been called (complete()
//    takes its own reference for the queued reply).
//  - complete() must be called at most once per request (umockdev asserts it).
//  - A request that is never completed (hang fault, or still delayed when the client
//    exits) keeps its reference until fwctl-sim exits (drop_pending()).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <umockdev.h>

#include "tests/sim/glib_ptr.hpp"
#include "tests/sim/kernel_sim.hpp"
#include "tests/sim/reply_scheduler.hpp"
#include "tests/sim/rpc_log.hpp"

namespace fwctl::sim {

class IoctlBridge {
public:
    // `log` may be null. Devices are looked up by their /dev path.
    IoctlBridge(KernelState& kernel, const std::vector<const DeviceState*>& devices, RpcLog* log);
    ~IoctlBridge();
    IoctlBridge(const IoctlBridge&) = delete;
    IoctlBridge& operator=(const IoctlBridge&) = delete;

    UMockdevIoctlBase* handler() const { return handler_.get(); }
    // Call once the client has exited, before the testbed goes away: stops answering
    // delayed and hung requests. Their client references are kept until the process
    // exits: umockdev 0.17 offers no way to close a client's socket, and finalizing a
    // client whose socket is open prints "CRITICAL: Destroying IoctlClient with open stream".
    void drop_pending();

private:
    static gboolean on_handle_ioctl(UMockdevIoctlBase* base, UMockdevIoctlClient* client,
                                    gpointer self);
    void handle(UMockdevIoctlClient* client);
    void handle_info(UMockdevIoctlClient* client, const DeviceState& dev, unsigned long request);
    void handle_rpc(UMockdevIoctlClient* client, const DeviceState& dev, unsigned long request);
    // complete()s the request now, after `delay_us`, or (hang) never.
    void finish(UMockdevIoctlClient* client, int err, uint64_t delay_us = 0, bool hang = false);
    void log(nlohmann::ordered_json record);

    KernelState& kernel_;
    std::map<std::string, const DeviceState*> by_devnode_;
    RpcLog* log_;
    GObjectPtr<UMockdevIoctlBase> handler_;
    gulong signal_id_ = 0;
    ReplyScheduler scheduler_;
};

}  // namespace fwctl::sim
