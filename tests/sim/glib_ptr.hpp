// RAII owners for the GLib/GObject handles fwctl-sim uses (umockdev objects are GObjects).
#pragma once

#include <memory>
#include <string>

#include <glib-object.h>

namespace fwctl::sim {

struct GObjectUnref {
    void operator()(gpointer p) const {
        if (p)
            g_object_unref(p);
    }
};
template <class T>
using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

struct GFree {
    void operator()(gpointer p) const { g_free(p); }
};
using GCharPtr = std::unique_ptr<gchar, GFree>;

// Takes ownership of a g_malloc'ed string and returns it as std::string ("" for NULL).
inline std::string take_gstring(gchar* s) {
    GCharPtr owned(s);
    return owned ? std::string(owned.get()) : std::string();
}

// For GError** out-parameters: `GErrorOut err; f(..., err.out()); if (err) ...`.
class GErrorOut {
public:
    GError** out() { return &raw_; }
    explicit operator bool() const { return raw_ != nullptr; }
    std::string message() const { return raw_ ? raw_->message : ""; }
    ~GErrorOut() {
        if (raw_)
            g_error_free(raw_);
    }
    GErrorOut() = default;
    GErrorOut(const GErrorOut&) = delete;
    GErrorOut& operator=(const GErrorOut&) = delete;

private:
    GError* raw_ = nullptr;
};

}  // namespace fwctl::sim
