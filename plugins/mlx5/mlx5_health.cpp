#include "plugins/mlx5/mlx5_health.hpp"

#include <string>

#include "plugins/mlx5/mlx5_allowlist.hpp"

namespace fwctl::plugins::mlx5 {

namespace {

const std::string section = "health";
constexpr std::uint16_t asic_sensor = 0;  // MTMP sensor 0 is the device itself

}  // namespace

void read_health(Findings& f, const std::optional<MgirInfo>& mgir)
{
    Tree& health = f.health;
    const Outcome o = f.query(mtmp_rule(), build_mtmp_read(asic_sensor), section);
    if (o.accepted()) {
        if (auto t = decode_mtmp(o.reply.bytes)) {
            health["temperature_c"] = mtmp_celsius(t->temperature);
            // The maximum is tracked only while mte is set (mlx5 hwmon sets it at load).
            if (t->max_temperature_enabled) {
                health["max_temperature_c"] = mtmp_celsius(t->max_temperature);
            }
            if (t->threshold_hi != 0) {
                health["temperature_threshold_hi_c"] = mtmp_celsius(t->threshold_hi);
            }
            if (!t->sensor_name.empty()) {
                health["temperature_sensor"] = t->sensor_name;
            }
        } else {
            f.error(t.error());
        }
    } else {
        f.note(section, std::string("temperature unknown: MTMP was ") + (o.refused() ? "refused: " : "not read: ") +
                            o.reason());
    }
    if (mgir) {
        health["uptime_s"] = mgir->uptime_s;
    } else {
        f.note(section, "uptime unknown: MGIR was not read (see notes.firmware)");
    }
}

}  // namespace fwctl::plugins::mlx5
