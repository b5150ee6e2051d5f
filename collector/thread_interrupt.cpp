#include "collector/thread_interrupt.hpp"

#include <csignal>
#include <mutex>

namespace fwctl {

namespace {

constexpr int interrupt_signal = SIGUSR2;

// Only there so the signal interrupts a system call instead of killing us.
extern "C" void ignore_interrupt(int) {}

}  // namespace

void install_interrupt_handler()
{
    static std::once_flag once;
    std::call_once(once, [] {
        struct sigaction action {};
        action.sa_handler = ignore_interrupt;
        sigemptyset(&action.sa_mask);
        action.sa_flags = 0;  // no SA_RESTART: the interrupted ioctl must return EINTR
        sigaction(interrupt_signal, &action, nullptr);
    });
}

void interrupt_thread(pthread_t thread)
{
    pthread_kill(thread, interrupt_signal);
}

}  // namespace fwctl
