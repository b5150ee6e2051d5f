#include "plugins/mlx5/mlx5_mailbox.hpp"

#include "collector/hex.hpp"
#include "plugins/mlx5/mlx5_wire.hpp"

namespace fwctl::plugins::mlx5 {

Result<FirmwareReply> ChannelMailbox::execute(const RpcRule& rule, std::span<const std::uint8_t> request,
                                              std::size_t reply_len)
{
    auto reply = rpc_.call(rule, request, reply_len);
    if (!reply) {
        return std::unexpected(reply.error());
    }
    // The driver turns a firmware error into a successful ioctl (-EREMOTEIO -> 0),
    // so the mailbox status is the firmware's real answer.
    auto status = decode_status(reply->bytes);
    if (!status) {
        rpc_.note_device_error();
        Error error = status.error();
        error.where = rpc_.device_name() + " " + std::string(rule.name);
        return std::unexpected(std::move(error));
    }
    if (status->status != 0) {
        rpc_.note_device_error();
    }
    return FirmwareReply{status->status, status->syndrome, std::move(reply->bytes)};
}

std::string Outcome::reason() const
{
    switch (kind) {
    case Kind::accepted: return "accepted";
    case Kind::refused: return describe_status(reply.status, reply.syndrome);
    case Kind::failed: return error.detail;
    }
    return error.detail;
}

Outcome Findings::ask(const RpcRule& rule, std::span<const std::uint8_t> request)
{
    Outcome out;
    last_rule_ = std::string(rule.name);
    auto reply = mailbox_.execute(rule, request, rule.max_reply_len);
    if (!reply) {
        out.kind = Outcome::Kind::failed;
        out.error = reply.error();
        return out;
    }
    out.kind = reply->ok() ? Outcome::Kind::accepted : Outcome::Kind::refused;
    out.reply = std::move(*reply);
    return out;
}

Outcome Findings::query(const RpcRule& rule, std::span<const std::uint8_t> request, const std::string& section)
{
    Outcome out = ask(rule, request);
    if (out.kind == Outcome::Kind::failed) {
        error(out.error);
    } else if (out.kind == Outcome::Kind::refused) {
        refused(rule, out.reply);
        mark_refused(section);
    }
    return out;
}

void Findings::error(const Error& error)
{
    ErrorEntry entry = ErrorEntry::from("rpc", error);
    // A delivery error names the device and the rule already; a decoder names only
    // the register ("mlx5 MCQI"). Its reply is the last one asked for: name that query.
    const std::string device = mailbox_.device_name();
    if (!last_rule_.empty() && entry.what.rfind(device + " ", 0) != 0) {
        entry.message = entry.what + ": " + entry.message;
        entry.what = device + " " + last_rule_;
    }
    errors_.push_back(std::move(entry));
}

void Findings::refused(const RpcRule& rule, const FirmwareReply& reply, std::string_view context)
{
    std::string message = "firmware refused the query";
    if (!context.empty()) {
        message += " (" + std::string(context) + ")";
    }
    message += ": " + describe_status(reply.status, reply.syndrome);
    errors_.push_back({"rpc", mailbox_.device_name() + " " + std::string(rule.name), 0, std::move(message)});
    refusals_.push_back({std::string(rule.name), reply.status, reply.syndrome});
}

void Findings::note(const std::string& section, std::string text) { notes_[section].push_back(std::move(text)); }

PluginSections Findings::finish(PluginSections sections)
{
    sections.firmware = std::move(firmware);
    sections.config = std::move(config);
    sections.health = std::move(health);
    if (!refusals_.empty()) {
        Tree list = Tree::array();
        for (const Refusal& r : refusals_) {
            list.push_back({{"query", r.query},
                            {"status", std::string(status_name(r.status))},
                            {"status_code", hex_id(r.status, 2)},
                            {"syndrome", hex_id(r.syndrome, 8)}});
        }
        sections.health["firmware_refusals"] = std::move(list);
    }
    for (auto& [section, texts] : notes_) {
        std::string joined;
        for (const std::string& t : texts) {
            joined += (joined.empty() ? "" : "; ") + t;
        }
        sections.notes[section] = std::move(joined);
    }
    for (ErrorEntry& e : errors_) {
        sections.errors.push_back(std::move(e));
    }
    return sections;
}

}  // namespace fwctl::plugins::mlx5
