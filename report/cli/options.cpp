#include "report/cli/options.hpp"

#include <boost/program_options.hpp>

#include <sstream>

namespace fwctl::cli {

namespace po = boost::program_options;

namespace {

const char* const usage_head =
    "Usage: fwctl-report [OPTIONS]\n"
    "       fwctl-report diff [--format yaml|json] A B\n"
    "Report the state of fwctl devices (firmware, persistent configuration, health)\n"
    "for problem reports. Sends only read-only requests; never changes a device.\n\n"
    "  fwctl-report                     print the report as YAML\n"
    "  fwctl-report --tar               write fwctl-report-<host>-<time>.tar.xz here\n"
    "  fwctl-report --output-dir DIR    write the same files into DIR (for sosreport)\n"
    "  fwctl-report --tar --redact      the archive, identifying values as tokens\n"
    "  fwctl-report --list              list fwctl devices without sending any RPC\n"
    "  fwctl-report --validate FILE     check a report, archive or directory\n"
    "  fwctl-report --findings-only     print only the findings (what to look at first)\n"
    "  fwctl-report --summary           one line per device on the terminal, no YAML\n"
    "  fwctl-report diff A B            what differs between two reports (files,\n"
    "                                   archives or directories); a table, or\n"
    "                                   --format yaml|json for scripts\n";

const char* const usage_tail =
    "\nExit status: 0 ok; 1 report written but some device or RPC failed (errors are in\n"
    "the report), or --validate found the input invalid; 2 usage error; 3 nothing could\n"
    "be written; 4 report written and a finding at or above --fail-on exists.\n"
    "diff: 0 no difference; 1 different; 2 usage error; 3 an input cannot be read\n"
    "or is not a valid report. See fwctl-report(8).\n";

po::options_description describe()
{
    po::options_description opts("Options");
    opts.add_options()
        ("help,h", "show this help and exit")
        ("version,V", "show the version and exit")
        ("list,l", "list fwctl devices (name, type, parent address, driver); no RPC is sent")
        ("device,d", po::value<std::vector<std::string>>()->composing(),
         "collect only this device (e.g. fwctl1); repeatable")
        ("format,f", po::value<std::string>()->default_value("yaml"),
         "stdout format: yaml or json (diff: a table unless --format is given)")
        ("tar,t", po::value<std::string>()->implicit_value(""),
         "write a compressed tar archive to PATH (default: fwctl-report-<host>-<UTC time>.tar.xz)")
        ("compress,c", po::value<std::string>()->default_value("xz"),
         "archive compression: xz, gzip, zstd or none")
        ("output-dir,o", po::value<std::string>(), "write the report files into DIR")
        ("force", "replace existing output")
        ("validate", po::value<std::string>(),
         "validate a report file (YAML/JSON), archive or output directory against the schema")
        ("quiet,q", "no progress display on the terminal")
        ("redact", "replace host name, serial numbers, MAC addresses and GUIDs by tokens "
                   "(the same value, the same token; PCI addresses, PSIDs and versions stay)")
        ("redact-key", po::value<std::string>()->value_name("FILE"),
         "key file (16 to 4096 bytes) for --redact, so tokens match across reports made with "
         "the same key; implies --redact. Without it the key is random for each run")
        ("jobs,j", po::value<unsigned>(),
         "collect up to N devices at the same time (default: min(devices, 4); 1: one after another)")
        ("timeout", po::value<double>()->default_value(10, "10"),
         "per-device deadline in SECONDS; a device that has not finished is reported as timed_out "
         "with what it collected so far (0: none)")
        ("max-time", po::value<double>()->default_value(100, "100"),
         "limit in SECONDS for collecting all devices, below sos's 120 s command timeout; devices "
         "still running are stopped, those not started are reported as not collected (0: none)")
        ("findings-only", "print only the findings, as YAML or JSON (--format)")
        ("fail-on", po::value<std::string>(),
         "exit with status 4 when a finding of this severity or higher exists: info, notice, warning or critical")
        ("rules-dir", po::value<std::string>(),
         "read the findings rules from DIR (default: $FWCTL_RULES_DIR, else /usr/share/fwctl-report/rules)")
        ("summary,s", "print a short table (device, type, PCI, firmware, non-default settings, errors, "
                      "taint) instead of the report");
    return opts;
}

// diff takes two inputs and only --format; other options would be ignored,
// so they are refused rather than silently dropped.
Result<Options> diff_options(Options o, const po::variables_map& vm, std::vector<std::string> paths)
{
    for (const char* name : {"list", "device", "tar", "output-dir", "force", "validate", "summary", "findings-only",
                             "fail-on"}) {
        if (vm.count(name)) {
            return fail(Errc::invalid_input, "diff", std::string("--") + name + " does not apply to diff (see --help)");
        }
    }
    if (paths.size() != 2) {
        return fail(Errc::invalid_input, "diff",
                    "needs two reports to compare: fwctl-report diff A B (got " + std::to_string(paths.size()) +
                        ")");
    }
    for (const auto& path : paths) {
        if (path.empty()) {
            return fail(Errc::invalid_input, "diff", "an input path is empty");
        }
    }
    o.command = Command::diff;
    o.diff_paths = std::move(paths);
    return o;
}

}  // namespace

Result<Options> parse_options(int argc, const char* const* argv)
{
    const auto opts = describe();
    po::options_description hidden;
    hidden.add_options()("positional", po::value<std::vector<std::string>>());
    po::options_description all;
    all.add(opts).add(hidden);
    po::positional_options_description positional;
    positional.add("positional", -1);

    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        return fail(Errc::invalid_input, "", std::string(e.what()) + " (see --help)");
    }

    Options o;
    if (vm.count("help")) {
        std::ostringstream text;
        text << usage_head << '\n' << opts << usage_tail;
        o.command = Command::help;
        o.help_text = text.str();
        return o;
    }
    if (vm.count("version")) {
        o.command = Command::version;
        return o;
    }

    o.format = vm["format"].as<std::string>();
    o.format_given = !vm["format"].defaulted();
    if (o.format != "yaml" && o.format != "json") {
        return fail(Errc::invalid_input, "--format", "must be yaml or json, not '" + o.format + "'");
    }
    o.compress = vm["compress"].as<std::string>();
    o.force = vm.count("force") > 0;
    o.quiet = vm.count("quiet") > 0;
    o.redact = vm.count("redact") > 0 || vm.count("redact-key") > 0;
    if (vm.count("redact-key")) {
        o.redact_key = vm["redact-key"].as<std::string>();
        if (o.redact_key->empty()) {
            return fail(Errc::invalid_input, "--redact-key", "needs a key file name");
        }
    }
    if (vm.count("jobs")) {
        o.jobs = vm["jobs"].as<unsigned>();
        if (o.jobs < 1 || o.jobs > 64) {
            return fail(Errc::invalid_input, "--jobs", "must be between 1 and 64, not " + std::to_string(o.jobs));
        }
    }
    for (const char* limit : {"timeout", "max-time"}) {
        const double seconds = vm[limit].as<double>();
        if (!(seconds >= 0 && seconds <= 86400)) {
            return fail(Errc::invalid_input, std::string("--") + limit,
                        "must be a number of seconds from 0 (no limit) to 86400");
        }
    }
    o.timeout_s = vm["timeout"].as<double>();
    o.max_time_s = vm["max-time"].as<double>();
    o.findings_only = vm.count("findings-only") > 0;
    if (vm.count("fail-on")) {
        o.fail_on = vm["fail-on"].as<std::string>();
        if (*o.fail_on != "info" && *o.fail_on != "notice" && *o.fail_on != "warning" && *o.fail_on != "critical") {
            return fail(Errc::invalid_input, "--fail-on",
                        "must be info, notice, warning or critical, not '" + *o.fail_on + "'");
        }
    }
    if (vm.count("rules-dir")) {
        o.rules_dir = vm["rules-dir"].as<std::string>();
        if (o.rules_dir->empty()) {
            return fail(Errc::invalid_input, "--rules-dir", "needs a directory name");
        }
    }
    if (vm.count("device")) {
        o.devices = vm["device"].as<std::vector<std::string>>();
    }
    if (vm.count("output-dir")) {
        o.output_dir = vm["output-dir"].as<std::string>();
        if (o.output_dir->empty()) {
            return fail(Errc::invalid_input, "--output-dir", "needs a directory name");
        }
    }
    std::vector<std::string> extra;
    if (vm.count("positional")) {
        extra = vm["positional"].as<std::vector<std::string>>();
    }
    // "diff A B": a command word, not an option, like git's and devlink's.
    if (!extra.empty() && extra.front() == "diff" && !vm.count("tar")) {
        return diff_options(std::move(o), vm, std::vector<std::string>(extra.begin() + 1, extra.end()));
    }
    o.summary = vm.count("summary") > 0;
    if (o.summary && (o.format_given || vm.count("list") || vm.count("validate") || vm.count("tar") ||
                      o.output_dir)) {
        return fail(Errc::invalid_input, "--summary",
                    "prints a table instead of the report; it cannot be combined with --format, --list, "
                    "--validate, --tar or --output-dir");
    }
    if (vm.count("tar")) {
        o.tar = vm["tar"].as<std::string>();
        // "--tar PATH" (with a space) arrives as a positional argument.
        if (o.tar->empty() && extra.size() == 1) {
            o.tar = extra.front();
            extra.clear();
        }
    }
    if (!extra.empty()) {
        return fail(Errc::invalid_input, "", "unexpected argument '" + extra.front() + "' (see --help)");
    }

    const int modes = (vm.count("list") ? 1 : 0) + (vm.count("validate") ? 1 : 0) +
                      ((o.tar || o.output_dir) ? 1 : 0);
    if (modes > 1) {
        return fail(Errc::invalid_input, "", "--list, --validate and --tar/--output-dir cannot be combined");
    }
    if (o.findings_only && (o.tar || o.output_dir || o.summary || vm.count("list") || vm.count("validate"))) {
        return fail(Errc::invalid_input, "",
                    "--findings-only prints to standard output; it cannot be combined with --tar, --output-dir, "
                    "--summary, --list or --validate");
    }
    if (o.tar && o.output_dir) {
        return fail(Errc::invalid_input, "", "choose one of --tar and --output-dir");
    }
    if (o.redact && (vm.count("list") || vm.count("validate"))) {
        return fail(Errc::invalid_input, "",
                    "--redact and --redact-key apply to a report (standard output, --tar, --output-dir), "
                    "not to --list or --validate");
    }
    if (vm.count("list")) {
        o.command = Command::list;
    } else if (vm.count("validate")) {
        o.command = Command::validate;
        o.validate_path = vm["validate"].as<std::string>();
    }
    return o;
}

}  // namespace fwctl::cli
