// Runs a program and captures what it printed: the e2e tests look at the
// tool only from the outside, as a user or sos would.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace e2e {

struct Outcome {
    int exit_code = -1;  // 128+N when killed by signal N
    std::string out;
    std::string err;
};

Outcome run(const std::vector<std::string>& argv, const std::filesystem::path& cwd = {});

// fwctl-sim --lab tests/labs/<lab>.yaml --log <log> -- fwctl-report <args...>
Outcome run_report_in_lab(const std::string& lab, const std::vector<std::string>& args,
                          const std::filesystem::path& log = {}, const std::filesystem::path& cwd = {});

std::string lab_path(const std::string& lab);

// A fresh directory, removed at the end of the test.
struct TempDir {
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::filesystem::path path;
};

std::string read_text(const std::filesystem::path& path);

}  // namespace e2e
