// doctest main for sim_core_tests (the pure emulation: labs, kernel layer, modules).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
