// Which PCI drivers could have an fwctl device, and why one is missing. The
// sysfs walk itself runs in the e2e tests (labs no-fwctl, fwctl-driver-missing).
#include <doctest/doctest.h>

#include "collector/pci_without_fwctl.hpp"

using namespace fwctl;

TEST_CASE("the PCI drivers with fwctl support, and the kernel code that creates their fwctl device")
{
    CHECK(fwctl_driver_for("mlx5_core") == "mlx5_fwctl");
    CHECK(fwctl_driver_for("bnxt_en") == "bnxt_fwctl");
    CHECK(fwctl_driver_for("pds_core") == "pds_fwctl");
    CHECK(fwctl_driver_for("cxl_pci") == "cxl_core");
    CHECK(!fwctl_driver_for("e1000e"));
    CHECK(!fwctl_driver_for(""));
}

TEST_CASE("why a capable PCI function has no fwctl device")
{
    CHECK(classify_missing_fwctl(false, false) == "no_fwctl_in_kernel");
    CHECK(classify_missing_fwctl(false, true) == "no_fwctl_in_kernel");
    CHECK(classify_missing_fwctl(true, false) == "fwctl_driver_not_loaded");
    CHECK(classify_missing_fwctl(true, true) == "not_offered");
}
