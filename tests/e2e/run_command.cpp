#include "tests/e2e/run_command.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace e2e {

namespace fs = std::filesystem;

TempDir::TempDir()
{
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/fwctl-e2e-XXXXXX";
    if (::mkdtemp(tmpl.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    path = tmpl;
}

TempDir::~TempDir()
{
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path, ec);
}

std::string read_text(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

Outcome run(const std::vector<std::string>& argv, const fs::path& cwd)
{
    TempDir capture;
    const fs::path out_path = capture.path / "stdout";
    const fs::path err_path = capture.path / "stderr";

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (!cwd.empty()) {
        posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    }
    std::vector<char*> args;
    for (const auto& a : argv) {
        args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);

    pid_t pid = -1;
    const int r = ::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (r != 0) {
        throw std::runtime_error("cannot start " + argv[0]);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
    }
    Outcome o;
    o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    o.out = read_text(out_path);
    o.err = read_text(err_path);
    return o;
}

std::string lab_path(const std::string& lab)
{
    return std::string(FWCTL_SOURCE_DIR) + "/tests/labs/" + lab + ".yaml";
}

Outcome run_report_in_lab(const std::string& lab, const std::vector<std::string>& args, const fs::path& log,
                          const fs::path& cwd)
{
    std::vector<std::string> argv{FWCTL_SIM_BIN, "--lab", lab_path(lab)};
    if (!log.empty()) {
        argv.insert(argv.end(), {"--log", log.string()});
    }
    argv.push_back("--");
    argv.push_back(FWCTL_REPORT_BIN);
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv, cwd);
}

}  // namespace e2e
