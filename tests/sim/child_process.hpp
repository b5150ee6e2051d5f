// Runs the command under test and waits for it, forwarding SIGINT/SIGTERM.
//
// Signals are handled synchronously: block_forwarded_signals() must run before any
// thread exists (umockdev's worker inherits the mask), then run_child() waits with
// sigtimedwait() instead of installing handlers that would run on random threads.
#pragma once

#include <string>
#include <vector>

namespace fwctl::sim {

void block_forwarded_signals();

// The environment for the child: ours, with `set` entries ("K=V") replacing same-named
// ones and `unset` names removed.
std::vector<std::string> make_child_env(const std::vector<std::string>& set,
                                        const std::vector<std::string>& unset);

// Spawns `command` (PATH lookup) with `env`; returns its exit code, 128+signal when it
// was killed, 127 when it cannot be found and 126 when it cannot be executed.
// `error` gets a message for the last two.
int run_child(const std::vector<std::string>& command, const std::vector<std::string>& env,
              std::string& error);

}  // namespace fwctl::sim
