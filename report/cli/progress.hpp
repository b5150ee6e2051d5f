// "collecting fwctl3 (4/6)" on stderr while a terminal is watching; silent
// when stderr is a file or pipe (sos, scripts) or with --quiet.
#pragma once

#include <cstddef>
#include <string>

namespace fwctl::cli {

class Progress {
public:
    explicit Progress(bool enabled);
    ~Progress();  // clears the line
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    void device_done(std::size_t done, std::size_t total, const std::string& name);

private:
    bool enabled_;
    bool dirty_ = false;
};

}  // namespace fwctl::cli
