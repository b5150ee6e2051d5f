#include "tests/sim/child_process.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace fwctl::sim {
namespace {

sigset_t forwarded_set() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGCHLD);
    return set;
}

std::vector<char*> c_array(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

// posix_spawn with default signal actions and an empty mask in the child.
class SpawnAttr {
public:
    SpawnAttr() {
        posix_spawnattr_init(&attr_);
        sigset_t none;
        sigemptyset(&none);
        sigset_t defaults = forwarded_set();
        sigaddset(&defaults, SIGPIPE);
        posix_spawnattr_setsigmask(&attr_, &none);
        posix_spawnattr_setsigdefault(&attr_, &defaults);
        posix_spawnattr_setflags(&attr_, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    }
    ~SpawnAttr() { posix_spawnattr_destroy(&attr_); }
    SpawnAttr(const SpawnAttr&) = delete;
    SpawnAttr& operator=(const SpawnAttr&) = delete;
    const posix_spawnattr_t* get() const { return &attr_; }

private:
    posix_spawnattr_t attr_;
};

int exit_code(int status) {
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return 125;
}

}  // namespace

void block_forwarded_signals() {
    const sigset_t set = forwarded_set();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

std::vector<std::string> make_child_env(const std::vector<std::string>& set,
                                        const std::vector<std::string>& unset) {
    auto name_of = [](const std::string& kv) { return kv.substr(0, kv.find('=')); };
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        const std::string kv = *e;
        const std::string name = name_of(kv);
        bool drop = false;
        for (const auto& s : set)
            drop = drop || name_of(s) == name;
        for (const auto& u : unset)
            drop = drop || u == name;
        if (!drop)
            env.push_back(kv);
    }
    env.insert(env.end(), set.begin(), set.end());
    return env;
}

int run_child(const std::vector<std::string>& command, const std::vector<std::string>& env,
              std::string& error) {
    std::vector<std::string> argv_strings = command;
    std::vector<std::string> env_strings = env;
    auto argv = c_array(argv_strings);
    auto envp = c_array(env_strings);
    SpawnAttr attr;
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, argv[0], nullptr, attr.get(), argv.data(), envp.data());
    if (rc != 0) {
        error = "cannot run " + command[0] + ": " + std::strerror(rc);
        return rc == ENOENT ? 127 : 126;
    }

    const sigset_t set = forwarded_set();
    const timespec tick{0, 100 * 1000 * 1000};  // also poll, in case a SIGCHLD was merged
    while (true) {
        int status = 0;
        const pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid)
            return exit_code(status);
        if (done < 0 && errno != EINTR)
            return 125;
        siginfo_t info{};
        const int sig = sigtimedwait(&set, &info, &tick);
        // A terminal's Ctrl-C already reached the child (same process group): forward
        // only signals sent to us directly, e.g. by ctest's timeout or kill(1).
        if ((sig == SIGINT || sig == SIGTERM) && info.si_code != SI_KERNEL)
            kill(pid, sig);
    }
}

}  // namespace fwctl::sim
