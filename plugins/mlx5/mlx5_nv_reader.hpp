// The `config` section: every non-volatile configuration item the firmware holds,
// with its default, current and next-boot values.
//
// 1. MNVGC once: can the firmware report current (access_mode 1) and factory
//    default (access_mode 2) values? Modes it cannot report are not asked for.
// 2. MNVGN walk: the items stored in flash, with their next-boot data (so no
//    MNVDA next-boot read is repeated for them); items the catalogue does not
//    know are found here and reported raw.
// 3. Each catalogue item not stored: MNVQC (does the firmware have it? may it be
//    read?), then MNVDA per access mode. Stored items: MNVDA current and default.
// A register the firmware does not support (BAD_OP) or a failed delivery stops
// that register for the rest of the run; BAD_PARAM for one item is that item's
// status. See README.md "Known quirks" for the exact rules.
#pragma once

#include "plugins/mlx5/mlx5_mailbox.hpp"

namespace fwctl::plugins::mlx5 {

// Fills f.config and notes.config.
void read_config(Findings& f);

}  // namespace fwctl::plugins::mlx5
