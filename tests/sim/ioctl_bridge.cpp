#include "tests/sim/ioctl_bridge.hpp"

#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstring>
#include <memory>

namespace fwctl::sim {
namespace {

// umockdev_ioctl_data_resolve() follows the pointer stored at `offset` and copies
// `len` bytes from the client. It returns a new reference, or NULL for a NULL pointer,
// len 0 or a lost client; complete() writes changed bytes back to the client.
GObjectPtr<UMockdevIoctlData> resolve(UMockdevIoctlData* parent, size_t offset, size_t len) {
    GErrorOut err;
    return GObjectPtr<UMockdevIoctlData>(umockdev_ioctl_data_resolve(parent, offset, len, err.out()));
}

// The emulated kernel's copy_from_user, through one resolved ioctl struct.
class ResolvedStruct final : public CallerMemory {
public:
    ResolvedStruct(UMockdevIoctlData* data, size_t struct_size, size_t in_offset)
        : data_(data), struct_size_(struct_size), in_offset_(in_offset) {}

    // umockdev resolves each pointer slot once, with one length, and the struct itself
    // was resolved with the kernel's struct size. So borrow slot 0 (size + flags/scope,
    // already copied out by the caller): point it at the tail and resolve that. Then
    // set the tail's client_addr to the slot's original 8 bytes: complete() writes the
    // caller's own bytes back into the slot, and the unchanged tail is never written.
    std::optional<Bytes> struct_tail(size_t len) override {
        uint64_t saved = 0;
        std::memcpy(&saved, data_->data, sizeof(saved));
        const uint64_t tail_addr = data_->client_addr + struct_size_;
        std::memcpy(data_->data, &tail_addr, sizeof(tail_addr));
        auto tail = resolve(data_, 0, len);
        if (!tail)
            return std::nullopt;  // only if the client vanished
        Bytes bytes(tail->data, tail->data + tail->data_len);
        tail->client_addr = saved;
        return bytes;
    }

    std::optional<Bytes> rpc_input(size_t len) override {
        auto in = resolve(data_, in_offset_, len);
        if (!in)
            return std::nullopt;  // NULL `in` with in_len > 0: EFAULT, as copy_from_user
        return Bytes(in->data, in->data + in->data_len);
    }

private:
    UMockdevIoctlData* data_;
    size_t struct_size_;
    size_t in_offset_;
};

void put_field(UMockdevIoctlData* data, size_t offset, uint32_t value) {
    std::memcpy(data->data + offset, &value, sizeof(value));
}

}  // namespace

IoctlBridge::IoctlBridge(KernelState& kernel, const std::vector<const DeviceState*>& devices,
                         RpcLog* log)
    : kernel_(kernel), log_(log), handler_(umockdev_ioctl_base_new()) {
    for (const DeviceState* d : devices)
        by_devnode_["/dev/fwctl/" + d->name] = d;
    // GCallback is void(*)(void), which -Wcast-function-type accepts as "any function".
    signal_id_ = g_signal_connect_data(handler_.get(), "handle-ioctl",
                                       reinterpret_cast<GCallback>(&IoctlBridge::on_handle_ioctl),
                                       this, nullptr, static_cast<GConnectFlags>(0));
}

IoctlBridge::~IoctlBridge() {
    if (signal_id_ != 0)
        g_signal_handler_disconnect(handler_.get(), signal_id_);
}

gboolean IoctlBridge::on_handle_ioctl(UMockdevIoctlBase*, UMockdevIoctlClient* client, gpointer self) {
    static_cast<IoctlBridge*>(self)->handle(client);
    return TRUE;  // always handled: umockdev's fallback would answer with its own errors
}

void IoctlBridge::log(nlohmann::ordered_json record) {
    if (log_)
        log_->append(std::move(record));
}

void IoctlBridge::drop_pending() {
    // Reachable from a static until exit, so LeakSanitizer does not count them as leaks.
    static auto* unanswered = new std::vector<ReplyScheduler::Completion>();
    for (auto& completion : scheduler_.stop())
        unanswered->push_back(std::move(completion));
}

void IoctlBridge::finish(UMockdevIoctlClient* client, int err, uint64_t delay_us, bool hang) {
    const long result = err == 0 ? 0 : -1;
    if (!hang && delay_us == 0) {
        umockdev_ioctl_client_complete(client, result, err);
        return;
    }
    // The completion owns a reference to the client until it is run or dropped.
    std::shared_ptr<UMockdevIoctlClient> owned(
        static_cast<UMockdevIoctlClient*>(g_object_ref(client)),
        [](UMockdevIoctlClient* c) { g_object_unref(c); });
    auto complete = [owned, result, err] { umockdev_ioctl_client_complete(owned.get(), result, err); };
    if (hang)
        scheduler_.never(std::move(complete));
    else
        scheduler_.at(ReplyScheduler::Clock::now() + std::chrono::microseconds(delay_us),
                      std::move(complete));
}

void IoctlBridge::handle(UMockdevIoctlClient* client) {
    const char* devnode = umockdev_ioctl_client_get_devnode(client);
    const auto it = by_devnode_.find(devnode ? devnode : "");
    const unsigned long request = umockdev_ioctl_client_get_request(client);
    if (it == by_devnode_.end()) {
        finish(client, ENODEV);  // cannot happen: we attach only lab devices
        return;
    }
    const DeviceState& dev = *it->second;
    if (request == FWCTL_INFO)
        handle_info(client, dev, request);
    else if (request == FWCTL_RPC)
        handle_rpc(client, dev, request);
    else {
        // The kernel compares the whole command word: anything else is ENOTTY.
        log(other_record(dev, request, ENOTTY));
        finish(client, ENOTTY);
    }
}

void IoctlBridge::handle_info(UMockdevIoctlClient* client, const DeviceState& dev,
                              unsigned long request) {
    UMockdevIoctlData* arg = umockdev_ioctl_client_get_arg(client);  // borrowed
    auto data = resolve(arg, 0, kInfoStructSize);
    struct fwctl_info sent{};
    if (!data) {
        InfoOutcome fault;
        fault.err = EFAULT;
        log(info_record(dev, request, sent, fault));
        finish(client, EFAULT);
        return;
    }
    std::memcpy(&sent, data->data, sizeof(sent));
    ResolvedStruct mem(data.get(), kInfoStructSize, offsetof(struct fwctl_info, out_device_data));
    InfoOutcome outcome = emulate_info(dev, sent, mem);

    if (outcome.err == 0 && !outcome.user_data.empty()) {
        auto out = resolve(data.get(), offsetof(struct fwctl_info, out_device_data),
                           outcome.user_data.size());
        if (!out)
            outcome.err = EFAULT;
        else
            std::memcpy(out->data, outcome.user_data.data(), outcome.user_data.size());
    }
    if (outcome.err == 0) {  // ucmd_respond copies the struct back
        put_field(data.get(), offsetof(struct fwctl_info, out_device_type), outcome.device_type);
        put_field(data.get(), offsetof(struct fwctl_info, device_data_len), outcome.device_data_len);
    }
    log(info_record(dev, request, sent, outcome));
    finish(client, outcome.err, 0, outcome.hang);
}

void IoctlBridge::handle_rpc(UMockdevIoctlClient* client, const DeviceState& dev,
                             unsigned long request) {
    UMockdevIoctlData* arg = umockdev_ioctl_client_get_arg(client);  // borrowed
    auto data = resolve(arg, 0, kRpcStructSize);
    struct fwctl_rpc sent{};
    if (!data) {
        RpcOutcome fault;
        fault.err = EFAULT;
        fault.source = "kernel";
        log(rpc_record(dev, request, sent, fault, kernel_.taint()));
        finish(client, EFAULT);
        return;
    }
    // Copy the struct out before resolving: resolve() replaces user pointers in place.
    std::memcpy(&sent, data->data, sizeof(sent));
    ResolvedStruct mem(data.get(), kRpcStructSize, offsetof(struct fwctl_rpc, in));
    RpcOutcome outcome = emulate_rpc(kernel_, dev, sent, mem);

    if (outcome.err == 0) {
        // copy_to_user(out, outbuf, min(user out_len, driver out_len)); out_len = driver's
        const size_t copy = std::min<size_t>(sent.out_len, outcome.reply.size());
        if (copy > 0) {
            auto out = resolve(data.get(), offsetof(struct fwctl_rpc, out), copy);
            if (!out)
                outcome.err = EFAULT;
            else
                std::memcpy(out->data, outcome.reply.data(), copy);
        }
        if (outcome.err == 0)
            put_field(data.get(), offsetof(struct fwctl_rpc, out_len),
                      static_cast<uint32_t>(outcome.reply.size()));
    }
    log(rpc_record(dev, request, sent, outcome, kernel_.taint()));
    finish(client, outcome.err, outcome.delay_us, outcome.hang);
}

}  // namespace fwctl::sim
