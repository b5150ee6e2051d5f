// How the mlx5 readers send commands and record what happened.
//
// Mailbox is the one door to the device: ChannelMailbox sends through RpcChannel
// (so through the read-only guard); the unit tests put a scripted firmware behind
// the same interface. Findings collects the report sections, notes, errors and
// firmware refusals while the readers run.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "collector/error.hpp"
#include "collector/rpc_channel.hpp"
#include "collector/rpc_guard.hpp"
#include "collector/snapshot.hpp"

namespace fwctl::plugins::mlx5 {

// The firmware's answer: mailbox status and syndrome, and the reply bytes.
struct FirmwareReply {
    std::uint8_t status = 0;
    std::uint32_t syndrome = 0;
    std::vector<std::uint8_t> bytes;
    bool ok() const noexcept { return status == 0; }
};

class Mailbox {
public:
    virtual ~Mailbox() = default;
    // One command. An error is a failed delivery (guard, errno, a reply shorter
    // than the 16-byte header); a firmware refusal is a reply with status != 0.
    virtual Result<FirmwareReply> execute(const RpcRule& rule, std::span<const std::uint8_t> request,
                                          std::size_t reply_len) = 0;
    virtual const std::string& device_name() const = 0;
};

class ChannelMailbox final : public Mailbox {
public:
    explicit ChannelMailbox(RpcChannel& rpc) : rpc_(rpc) {}
    Result<FirmwareReply> execute(const RpcRule& rule, std::span<const std::uint8_t> request,
                                  std::size_t reply_len) override;
    const std::string& device_name() const override { return rpc_.device_name(); }

private:
    RpcChannel& rpc_;
};

// A query the firmware refused, as health.firmware_refusals lists it.
struct Refusal {
    std::string query;  // the allowlist rule's name
    std::uint8_t status = 0;
    std::uint32_t syndrome = 0;
};

// What became of one query.
struct Outcome {
    enum class Kind : std::uint8_t { accepted, refused, failed };
    Kind kind = Kind::failed;
    FirmwareReply reply;  // accepted or refused: what the firmware said
    Error error;          // failed: why it was not delivered
    bool accepted() const noexcept { return kind == Kind::accepted; }
    bool refused() const noexcept { return kind == Kind::refused; }
    // "BAD_PARAM (0x03), syndrome 0x001f2a3b", or the delivery error.
    std::string reason() const;
};

class Findings {
public:
    explicit Findings(Mailbox& mailbox) : mailbox_(mailbox) {}

    // Sends one request; the reply buffer is the rule's max_reply_len. Records nothing.
    Outcome ask(const RpcRule& rule, std::span<const std::uint8_t> request);
    // ask(), and a failure or refusal becomes an error entry (a refusal also a line
    // in health.firmware_refusals, and marks `section` as refused).
    Outcome query(const RpcRule& rule, std::span<const std::uint8_t> request, const std::string& section);

    // A delivery failure or an undecodable reply: an `rpc` error entry.
    void error(const Error& error);
    // The firmware refused a whole query: an error entry naming status and
    // syndrome, and a line in health.firmware_refusals.
    void refused(const RpcRule& rule, const FirmwareReply& reply, std::string_view context = {});
    // Why `section` is empty or partial; several reasons are joined with "; ".
    void note(const std::string& section, std::string text);
    // Sections where the firmware refused a whole query (the plugin then explains
    // a missing TOOLS_RESOURCES capability there).
    void mark_refused(const std::string& section) { refused_sections_.insert(section); }
    bool section_refused(const std::string& section) const { return refused_sections_.contains(section); }

    // The sections with notes joined and health.firmware_refusals added.
    PluginSections finish(PluginSections sections);

    Tree firmware = Tree::object();
    Tree config = Tree::array();
    Tree health = Tree::object();

private:
    Mailbox& mailbox_;
    std::vector<ErrorEntry> errors_;
    std::vector<Refusal> refusals_;
    std::map<std::string, std::vector<std::string>> notes_;
    std::set<std::string> refused_sections_;
    std::string last_rule_;  // the query whose reply is being decoded, for error entries
};

}  // namespace fwctl::plugins::mlx5
