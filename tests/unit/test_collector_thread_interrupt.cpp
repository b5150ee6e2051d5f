#include <doctest/doctest.h>

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <thread>

#include "collector/thread_interrupt.hpp"

using namespace fwctl;

TEST_CASE("thread interrupt: a thread blocked in a system call gets EINTR, and the process lives on")
{
    install_interrupt_handler();
    install_interrupt_handler();  // idempotent
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    std::atomic<int> result{1};
    std::atomic<int> error{0};
    std::thread reader([&] {
        char byte;
        const ssize_t n = ::read(fds[0], &byte, 1);  // nobody writes: blocks until interrupted
        error = errno;
        result = static_cast<int>(n);
    });
    // Signal until the read has returned: the first signal may come before it blocks.
    for (int i = 0; i < 200 && result.load() == 1; ++i) {
        interrupt_thread(reader.native_handle());
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    const char wake = 'x';
    if (result.load() == 1) {
        CHECK(::write(fds[1], &wake, 1) == 1);  // never leave the thread blocked
    }
    reader.join();
    CHECK(result.load() == -1);
    CHECK(error.load() == EINTR);  // no SA_RESTART: the call is not silently restarted
    ::close(fds[0]);
    ::close(fds[1]);
}
