#include "report/findings/rules_dir.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "report/generated/rules_dirs.hpp"

namespace fwctl::report::findings {

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t max_rules_file_bytes = 1u << 20;

ErrorEntry rules_error(const std::string& what, const std::string& message, int sys_errno = 0)
{
    return {"rules", what, sys_errno, message};
}

}  // namespace

std::vector<std::string> rules_dir_candidates(const std::optional<std::string>& explicit_dir)
{
    if (explicit_dir) {
        return {*explicit_dir};
    }
    if (const char* env = std::getenv("FWCTL_RULES_DIR"); env != nullptr && *env != '\0') {
        return {env};
    }
    return {std::string(installed_rules_dir), std::string(source_rules_dir)};
}

RuleSet load_rules_from(const std::string& dir)
{
    RuleSet all;
    std::error_code ec;
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() == ".yaml" && it->is_regular_file(ec)) {
            files.push_back(it->path());
        }
    }
    if (ec) {
        all.errors.push_back(rules_error(dir, "cannot list the rules directory; no findings were evaluated", ec.value()));
        return all;
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
        all.errors.push_back(rules_error(dir, "the rules directory has no *.yaml file; no findings were evaluated"));
    }
    std::set<std::string> ids;
    for (const auto& path : files) {
        const std::string name = path.string();
        const auto size = fs::file_size(path, ec);
        if (ec || size > max_rules_file_bytes) {
            all.errors.push_back(rules_error(name, ec ? "cannot read the rules file" : "rules file larger than 1 MiB; not used",
                                             ec ? ec.value() : 0));
            continue;
        }
        std::ifstream in(path);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in && !in.eof()) {
            all.errors.push_back(rules_error(name, "cannot read the rules file", errno));
            continue;
        }
        RuleSet one = parse_rules_file(text.str(), name);
        all.errors.insert(all.errors.end(), one.errors.begin(), one.errors.end());
        for (auto& rule : one.rules) {
            if (!ids.insert(rule.id).second) {
                all.errors.push_back(rules_error(name + " rule " + rule.id,
                                                 "the id is already used by an earlier rule; this rule is not used"));
                continue;
            }
            all.rules.push_back(std::move(rule));
        }
    }
    return all;
}

RuleSet load_rules(const std::optional<std::string>& explicit_dir)
{
    const auto candidates = rules_dir_candidates(explicit_dir);
    for (const auto& dir : candidates) {
        std::error_code ec;
        if (fs::is_directory(dir, ec)) {
            return load_rules_from(dir);
        }
    }
    std::string tried;
    for (const auto& dir : candidates) {
        tried += (tried.empty() ? "" : ", ") + dir;
    }
    RuleSet none;
    none.errors.push_back(rules_error(tried, "no rules directory found (set FWCTL_RULES_DIR or --rules-dir); "
                                             "no findings were evaluated"));
    return none;
}

}  // namespace fwctl::report::findings
