#include "collector/errno_name.hpp"

#include <array>
#include <cerrno>
#include <utility>

namespace fwctl {

std::string errno_name(int sys_errno)
{
    if (sys_errno == 0) {
        return "";
    }
    // The errnos fwctl, its drivers, sysfs and file writing can produce.
    static constexpr std::array<std::pair<int, const char*>, 30> names{{
        {EPERM, "EPERM"},   {ENOENT, "ENOENT"},   {EINTR, "EINTR"},
        {EIO, "EIO"},       {ENXIO, "ENXIO"},     {E2BIG, "E2BIG"},
        {EBADF, "EBADF"},   {EAGAIN, "EAGAIN"},   {ENOMEM, "ENOMEM"},
        {EACCES, "EACCES"}, {EFAULT, "EFAULT"},   {EBUSY, "EBUSY"},
        {EEXIST, "EEXIST"}, {ENODEV, "ENODEV"},   {ENOTDIR, "ENOTDIR"},
        {EISDIR, "EISDIR"}, {EINVAL, "EINVAL"},   {ENOTTY, "ENOTTY"},
        {EFBIG, "EFBIG"},   {ENOSPC, "ENOSPC"},   {EROFS, "EROFS"},
        {ELOOP, "ELOOP"},   {ENAMETOOLONG, "ENAMETOOLONG"},
        {EBADMSG, "EBADMSG"}, {EMSGSIZE, "EMSGSIZE"}, {EOPNOTSUPP, "EOPNOTSUPP"},
        {ETIMEDOUT, "ETIMEDOUT"}, {EREMOTEIO, "EREMOTEIO"}, {EDQUOT, "EDQUOT"},
        {ECANCELED, "ECANCELED"},
    }};
    for (const auto& [value, name] : names) {
        if (value == sys_errno) {
            return name;
        }
    }
    return "errno " + std::to_string(sys_errno);
}

}  // namespace fwctl
