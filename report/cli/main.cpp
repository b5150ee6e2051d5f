// fwctl-report: main() parses options, runs one command and maps failures
// to documented exit codes. Exceptions stop here (the edge), never inside.
#include <cstdio>
#include <exception>
#include <iostream>

#include "report/cli/commands.hpp"
#include "report/cli/exit_codes.hpp"
#include "report/cli/options.hpp"
#include "report/generated/version.hpp"

namespace fwctl::cli {

void print_error(const std::string& message)
{
    std::string line = message;
    for (char& c : line) {
        if (c == '\n') {
            c = ' ';  // one line per error, always
        }
    }
    std::fprintf(stderr, "fwctl-report: %s\n", line.c_str());
}

}  // namespace fwctl::cli

int main(int argc, char** argv)
{
    using namespace fwctl::cli;
    try {
        auto options = parse_options(argc, argv);
        if (!options) {
            print_error(options.error().message());
            return exit_usage;
        }
        switch (options->command) {
        case Command::help:
            std::fputs(options->help_text.c_str(), stdout);
            return exit_ok;
        case Command::version:
            std::printf("%s %s (report schema v%d)\n", fwctl::tool_name.data(), fwctl::tool_version.data(),
                        fwctl::schema_version);
            return exit_ok;
        case Command::list:
            return run_list(*options);
        case Command::validate:
            return run_validate(*options);
        case Command::diff:
            return run_diff(*options);
        case Command::report:
            return run_report(*options);
        }
    } catch (const std::bad_alloc&) {
        print_error("out of memory");
    } catch (const std::exception& e) {
        print_error(std::string("internal error: ") + e.what());
    }
    return exit_not_written;
}
