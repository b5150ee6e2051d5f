// Interrupting a thread blocked in an ioctl. No portable way exists to cancel a
// blocking ioctl from user space; the best effort is a signal with a handler
// installed without SA_RESTART, so a driver that sleeps interruptibly returns
// EINTR. One that sleeps uninterruptibly (many firmware mailbox waits do)
// ignores it, and the collector then abandons the thread (collect_devices.hpp).
#pragma once

#include <pthread.h>

namespace fwctl {

// Installs the no-op handler for the interrupt signal (SIGUSR2) once per
// process. Idempotent and thread-safe.
void install_interrupt_handler();

// Sends the interrupt signal to `thread`, which must still be running.
// Without install_interrupt_handler() first this would kill the process.
void interrupt_thread(pthread_t thread);

}  // namespace fwctl
