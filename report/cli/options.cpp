#include "report/cli/options.hpp"

#include <boost/program_options.hpp>

#include <sstream>

namespace fwctl::cli {

namespace po = boost::program_options;

namespace {

const char* const usage_head =
    "Usage: fwctl-report [OPTIONS]\n"
    "Report the state of fwctl devices (firmware, persistent configuration, health)\n"
    "for problem reports. Sends only read-only requests; never changes a device.\n\n"
    "  fwctl-report                     print the report as YAML\n"
    "  fwctl-report --tar               write fwctl-report-<host>-<time>.tar.xz here\n"
    "  fwctl-report --output-dir DIR    write the same files into DIR (for sosreport)\n"
    "  fwctl-report --list              list fwctl devices without sending any RPC\n"
    "  fwctl-report --validate FILE     check a report, archive or directory\n";

const char* const usage_tail =
    "\nExit status: 0 ok; 1 report written but some device or RPC failed (errors are in\n"
    "the report), or --validate found the input invalid; 2 usage error; 3 nothing could\n"
    "be written. See fwctl-report(8).\n";

po::options_description describe()
{
    po::options_description opts("Options");
    opts.add_options()
        ("help,h", "show this help and exit")
        ("version,V", "show the version and exit")
        ("list,l", "list fwctl devices (name, type, parent address, driver); no RPC is sent")
        ("device,d", po::value<std::vector<std::string>>()->composing(),
         "collect only this device (e.g. fwctl1); repeatable")
        ("format,f", po::value<std::string>()->default_value("yaml"), "stdout format: yaml or json")
        ("tar,t", po::value<std::string>()->implicit_value(""),
         "write a compressed tar archive to PATH (default: fwctl-report-<host>-<UTC time>.tar.xz)")
        ("compress,c", po::value<std::string>()->default_value("xz"),
         "archive compression: xz, gzip, zstd or none")
        ("output-dir,o", po::value<std::string>(), "write the report files into DIR")
        ("force", "replace existing output")
        ("validate", po::value<std::string>(),
         "validate a report file (YAML/JSON), archive or output directory against the schema")
        ("quiet,q", "no progress display on the terminal")
        ("jobs,j", po::value<unsigned>(),
         "collect up to N devices at the same time (default: min(devices, 4); 1: one after another)")
        ("timeout", po::value<double>()->default_value(10, "10"),
         "per-device deadline in SECONDS; a device that has not finished is reported as timed_out "
         "with what it collected so far (0: none)")
        ("max-time", po::value<double>()->default_value(100, "100"),
         "limit in SECONDS for collecting all devices, below sos's 120 s command timeout; devices "
         "still running are stopped, those not started are reported as not collected (0: none)");
    return opts;
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
    if (o.format != "yaml" && o.format != "json") {
        return fail(Errc::invalid_input, "--format", "must be yaml or json, not '" + o.format + "'");
    }
    o.compress = vm["compress"].as<std::string>();
    o.force = vm.count("force") > 0;
    o.quiet = vm.count("quiet") > 0;
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
    if (o.tar && o.output_dir) {
        return fail(Errc::invalid_input, "", "choose one of --tar and --output-dir");
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
