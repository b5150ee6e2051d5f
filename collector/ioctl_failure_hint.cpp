#include "collector/ioctl_failure_hint.hpp"

#include <cerrno>

namespace fwctl {

std::string ioctl_failure_hint(int sys_errno)
{
    switch (sys_errno) {
    case ENODEV:
        return "; the device is gone (hot-unplugged, reset, or its driver was unbound)";
    case EIO:
    case EREMOTEIO:
        return "; the driver or the device firmware reported an I/O error";
    case ETIMEDOUT:
        return "; the firmware did not answer in time";
    case EINTR:
        return "; interrupted by a signal on every retry";
    case EAGAIN:
    case EBUSY:
        return "; the device is busy, try again later";
    case ENOMEM:
        return "; the kernel could not allocate memory for the request";
    case EPERM:
    case EACCES:
        return "; the driver refused the request (scope, capability or lockdown)";
    case EBADMSG:
    case EINVAL:
    case EMSGSIZE:
    case EOPNOTSUPP:
    case ENOTTY:
        return "; the driver rejected the request: this driver version may not support it";
    default:
        return "";
    }
}

}  // namespace fwctl
