// The main job: collect, validate, then print (stdout) or write (--tar,
// --output-dir). Output targets are checked before collection, so a run never
// spends minutes on devices only to find it cannot write.
#include <chrono>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <memory>

#include "collector/collect.hpp"
#include "collector/pci_without_fwctl.hpp"
#include "collector/udev_enumerator.hpp"
#include "plugins/registry.hpp"
#include "report/archive_writer.hpp"
#include "report/atomic_file.hpp"
#include "report/bundle.hpp"
#include "report/cli/commands.hpp"
#include "report/cli/exit_codes.hpp"
#include "report/cli/progress.hpp"
#include "report/cli/summary_output.hpp"
#include "report/directory_writer.hpp"
#include "report/document.hpp"
#include "report/redact/redactor.hpp"
#include "report/findings/report_findings.hpp"
#include "report/findings/rules_dir.hpp"
#include "report/schema_validator.hpp"
#include "report/yaml_writer.hpp"

namespace fwctl::cli {

namespace {

// --device names must exist; the error lists the ones that do.
Result<std::vector<DeviceIdentity>> select_devices(std::vector<DeviceIdentity> all,
                                                   const std::vector<std::string>& wanted)
{
    if (wanted.empty()) {
        return all;
    }
    std::vector<DeviceIdentity> selected;
    for (const auto& name : wanted) {
        auto it = std::find_if(all.begin(), all.end(), [&](const auto& d) { return d.name == name; });
        if (it == all.end()) {
            std::string known;
            for (const auto& d : all) {
                known += (known.empty() ? "" : ", ") + d.name;
            }
            return fail(Errc::invalid_input, "--device",
                        "no fwctl device named '" + name + "'; devices here: " +
                            (known.empty() ? "none" : known));
        }
        if (std::none_of(selected.begin(), selected.end(), [&](const auto& d) { return d.name == name; })) {
            selected.push_back(*it);
        }
    }
    std::sort(selected.begin(), selected.end(),
              [](const auto& a, const auto& b) { return device_name_less(a.name, b.name); });
    return selected;
}

// --redact / --redact-key: the redactor, or nullptr without them. A key file
// that cannot be used is a usage error, found before anything is collected.
Result<std::unique_ptr<report::redact::Redactor>> make_redactor(const Options& options)
{
    using report::redact::RedactionKey;
    if (!options.redact) {
        return nullptr;
    }
    auto key = options.redact_key ? RedactionKey::from_file(*options.redact_key) : RedactionKey::random();
    if (!key) {
        return std::unexpected(key.error());
    }
    if (key->readable_by_others()) {
        print_error("warning: --redact-key " + *options.redact_key +
                    " can be read by other users; anyone with the key can check a guessed value against a token "
                    "(chmod 600 it)");
    }
    return std::make_unique<report::redact::Redactor>(std::move(*key));
}

// The document as written: the snapshot with its findings first.
report::Document finished_document(Snapshot snapshot, const Options& options)
{
    const auto rules = report::findings::load_rules(options.rules_dir);
    return report::findings::with_findings(report::to_document(std::move(snapshot)), rules);
}

bool document_has_errors(const report::Document& doc)
{
    if (!doc["errors"].empty()) {
        return true;
    }
    for (const auto& device : doc["devices"]) {
        if (!device["errors"].empty()) {
            return true;
        }
    }
    return false;
}

// 4 (--fail-on matched) takes precedence over 1: a fleet check asks exactly
// that question, and failures show up as findings of their own.
int exit_code_for(const report::Document& doc, const Options& options)
{
    if (options.fail_on) {
        const auto threshold = report::findings::parse_severity(*options.fail_on);
        if (threshold && report::findings::has_finding_at_or_above(doc["findings"], *threshold)) {
            return exit_findings;
        }
    }
    return document_has_errors(doc) ? exit_partial : exit_ok;
}

int print_to_stdout(const report::Document& doc, const Options& options)
{
    const auto violations = report::report_schema().validate(doc);
    if (!violations.empty()) {
        print_error("internal error: the report does not match its schema (a bug; please report it): " +
                    violations.front().path + ": " + violations.front().message);
        return exit_not_written;
    }
    // Written as it is produced, and the whole report is never copied: the
    // document is the largest thing the tool holds (bench/RESULTS.md, RSS).
    report::Document findings_only;
    if (options.findings_only) {
        findings_only = report::Document{{"findings", doc["findings"]}};
    }
    const report::Document& shown = options.findings_only ? findings_only : doc;
    // std::cout is synchronised with stdio (the default), so it writes through to stdout.
    if (options.format == "json") {
        std::cout << std::setw(2) << shown << '\n';
    } else {
        report::write_yaml(std::cout, shown);
    }
    std::cout.flush();
    if (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout)) {
        print_error("cannot write the report to standard output");
        return exit_not_written;
    }
    return exit_code_for(doc, options);
}

}  // namespace

int run_report(const Options& options)
{
    std::optional<report::Compression> compression;
    if (options.tar) {
        auto c = report::parse_compression(options.compress);
        if (!c) {
            print_error(c.error().message());
            return exit_usage;
        }
        compression = *c;
    }
    // Check the output target first: fail in a second, not after collection.
    if (options.tar && !options.tar->empty()) {
        if (auto ok = report::check_can_create(*options.tar, options.force); !ok) {
            print_error(ok.error().message());
            return exit_not_written;
        }
    } else if (options.tar) {
        if (auto ok = report::check_can_create("./.fwctl-report-probe", false); !ok) {
            print_error(ok.error().message());
            return exit_not_written;
        }
    } else if (options.output_dir) {
        if (auto ok = report::check_can_write_directory(*options.output_dir, options.force); !ok) {
            print_error(ok.error().message());
            return exit_not_written;
        }
    }

    auto redactor = make_redactor(options);
    if (!redactor) {
        print_error(redactor.error().message());
        return redactor.error().code == Errc::invalid_input ? exit_usage : exit_not_written;
    }

    auto all = enumerate_fwctl_devices();
    if (!all) {
        print_error(all.error().message());
        return exit_not_written;
    }
    // Against every fwctl device, not only the --device selection.
    std::vector<ErrorEntry> pci_errors;
    auto without_fwctl = find_devices_without_fwctl(*all, pci_errors);
    auto devices = select_devices(std::move(*all), options.devices);
    if (!devices) {
        print_error(devices.error().message());
        return exit_usage;
    }

    Snapshot snapshot;
    {
        Progress progress(!options.quiet);
        CollectOptions collect_options;
        collect_options.on_device_done = [&](std::size_t done, std::size_t total, const std::string& name) {
            progress.device_done(done, total, name);
        };
        collect_options.jobs = options.jobs;
        if (options.timeout_s > 0) {
            collect_options.device_timeout_s = options.timeout_s;
        }
        if (options.max_time_s > 0) {
            collect_options.max_time_s = options.max_time_s;
        }
        snapshot = collect(std::move(*devices), plugins::registry(), collect_options);
    }
    if (without_fwctl) {
        snapshot.devices_without_fwctl = std::move(*without_fwctl);
    } else {
        snapshot.errors.push_back(ErrorEntry::from("enumerate", without_fwctl.error()));
    }
    snapshot.errors.insert(snapshot.errors.end(), pci_errors.begin(), pci_errors.end());
    // The snapshot is moved into the document: from here on the document is
    // the one copy of what was collected (bundle files are made from it).
    report::Document doc = finished_document(std::move(snapshot), options);
    if (*redactor) {
        // After the findings, so that values quoted in their messages and
        // evidence are redacted too.
        (*redactor)->redact_report(doc);
    }

    if (options.summary) {
        return print_summary(doc, exit_code_for(doc, options));
    }
    if (!options.tar && !options.output_dir) {
        return print_to_stdout(doc, options);
    }

    auto bundle = report::make_bundle(doc, redactor->get());
    if (!bundle) {
        print_error(bundle.error().message());
        return exit_not_written;
    }
    std::string written;
    if (options.tar) {
        std::string path = *options.tar;
        if (path.empty()) {
            path = bundle->top + std::string(report::archive_suffix(*compression));
        }
        const auto mtime = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
        if (auto r = report::write_archive(*bundle, path, *compression, options.force, mtime); !r) {
            print_error(r.error().message());
            return exit_not_written;
        }
        written = path;
    } else {
        if (auto r = report::write_directory(*bundle, *options.output_dir, options.force); !r) {
            print_error(r.error().message());
            return exit_not_written;
        }
        written = *options.output_dir;
    }

    std::size_t errors = doc["errors"].size();
    for (const auto& d : doc["devices"]) {
        errors += d["errors"].size();
    }
    const std::size_t devices_written = doc["devices"].size();
    std::fprintf(stderr, "fwctl-report: wrote %s (%zu device%s, %zu error%s)\n", written.c_str(),
                 devices_written, devices_written == 1 ? "" : "s", errors, errors == 1 ? "" : "s");
    return exit_code_for(doc, options);
}

}  // namespace fwctl::cli
