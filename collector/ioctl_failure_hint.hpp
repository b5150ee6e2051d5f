// What a failed fwctl ioctl most likely means, for the error message: a bare
// "FWCTL_RPC failed" with an errno leaves a support engineer guessing.
#pragma once

#include <string>

namespace fwctl {

// "; the device is gone (...)" for ENODEV, "" for errnos with no useful reading.
std::string ioctl_failure_hint(int sys_errno);

}  // namespace fwctl
