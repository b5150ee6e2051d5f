// What the bnxt plugin writes into the report from decoded replies: the
// devlink naming of versions, stored vs running, per-RPC failures as nulls
// with notes, and the config note. Inputs are the golden replies.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "plugins/bnxt/tests/bnxt_golden.hpp"
#include "plugins/bnxt/bnxt_sections.hpp"

using namespace fwctl;
using namespace fwctl::plugins;
using namespace fwctl::plugins::bnxt;
using Bytes = std::vector<std::uint8_t>;

namespace {

using testing::golden;

template <class T>
Result<T> failed(const char* what)
{
    return fail(Errc::device_status, what, "firmware refused the request");
}

}  // namespace

TEST_CASE("bnxt sections: firmware uses devlink's names and compares stored with running")
{
    const auto s = bnxt::firmware_section(bnxt::decode_ver_get(golden("ver_get.bin")),
                                          bnxt::decode_nvm_get_dev_info(golden("nvm_get_dev_info.bin")));
    const auto& f = s.tree;
    CHECK(f["running"] == "230.1.116.0");  // devlink "fw": the package
    CHECK(f["stored"] == "231.0.162.0");
    CHECK(f["pending_activation"] == true);
    // The first three keys are the shared contract, in this order.
    auto it = f.begin();
    CHECK(it.key() == "running");
    CHECK((++it).key() == "stored");
    CHECK((++it).key() == "pending_activation");

    const auto& c = f["components"];
    CHECK(c["mgmt"]["devlink"] == "fw.mgmt");
    CHECK(c["mgmt"]["hsi_name"] == "hwrm_fw");
    CHECK(c["mgmt"]["running"] == "230.0.156.0");
    CHECK(c["mgmt"]["stored"] == "231.0.154.0");
    CHECK(c["ncsi"]["devlink"] == "fw.ncsi");
    CHECK(c["ncsi"]["hsi_name"] == "mgmt_fw");
    CHECK(c["ncsi"]["running"] == "230.0.300.1");  // the 16-bit fields (EXT_VER_AVAIL)
    CHECK(c["ncsi"]["stored"] == "231.0.150.0");
    CHECK(c["roce"]["running"] == "230.0.152.0");
    CHECK(c["netctrl"]["devlink"].is_null());
    CHECK(c["netctrl"]["running"].is_null());  // 0.0.0.0: not present
    CHECK(c["netctrl"]["stored"] == "231.0.10.0");

    CHECK(f["ethtool_firmware_version"] == "230.0.156.0/pkg 230.1.116.0");
    CHECK(f["hwrm_interface"] == "1.10.3");
    CHECK(f["chip"]["num"] == "0x1750");
    CHECK(f["chip"]["asic_rev"] == "B1");
    CHECK(f["chip"]["platform"] == "asic");
    CHECK(f["device_not_ready"] == false);
    CHECK(f["nvm"]["flash_manufacturer_id"] == "0x00c2");
    CHECK(f["nvm"]["cfg_version"] == "0.0.6");
    CHECK(f["nvm"]["srt2_stored"] == "1.2.3.4");
    CHECK(s.note.empty());
}

TEST_CASE("bnxt sections: equal stored and running versions are not pending")
{
    auto nvm = bnxt::decode_nvm_get_dev_info(golden("nvm_get_dev_info.bin"));
    REQUIRE(nvm);
    nvm->pkg_name = "230.1.116.0";
    const auto s = bnxt::firmware_section(bnxt::decode_ver_get(golden("ver_get.bin")), nvm);
    CHECK(s.tree["pending_activation"] == false);
}

TEST_CASE("bnxt sections: a failed or partial NVM_GET_DEV_INFO leaves stored null with a reason")
{
    const auto ver = bnxt::decode_ver_get(golden("ver_get.bin"));
    const auto refused = bnxt::firmware_section(ver, failed<bnxt::NvmDevInfo>("HWRM_NVM_GET_DEV_INFO"));
    CHECK(refused.tree["running"] == "230.1.116.0");
    CHECK(refused.tree["stored"].is_null());
    CHECK(refused.tree["pending_activation"].is_null());
    CHECK(refused.tree["nvm"].is_null());
    CHECK(refused.tree["components"]["mgmt"]["stored"].is_null());
    CHECK(refused.note.find("HWRM_NVM_GET_DEV_INFO failed") != std::string::npos);

    const auto invalid =
        bnxt::firmware_section(ver, bnxt::decode_nvm_get_dev_info(golden("nvm_get_dev_info_no_fw_ver.bin")));
    CHECK(invalid.tree["stored"].is_null());
    CHECK(invalid.tree["nvm"]["stored_versions_valid"] == false);
    CHECK(invalid.note.find("FW_VER_VALID") != std::string::npos);
}

TEST_CASE("bnxt sections: without VER_GET the running side is null, not guessed")
{
    const auto s = bnxt::firmware_section(failed<bnxt::VerGet>("HWRM_VER_GET"),
                                          bnxt::decode_nvm_get_dev_info(golden("nvm_get_dev_info.bin")));
    CHECK(s.tree["running"].is_null());
    CHECK(s.tree["stored"] == "231.0.162.0");
    CHECK(s.tree["pending_activation"].is_null());
    CHECK(s.tree["chip"].is_null());
    CHECK(s.tree["components"]["mgmt"]["running"].is_null());
    CHECK(s.tree["components"]["mgmt"]["stored"] == "231.0.154.0");
    CHECK(s.note.find("HWRM_VER_GET failed") != std::string::npos);
}

TEST_CASE("bnxt sections: health decodes flags and states, and names what failed")
{
    const auto s = bnxt::health_section(bnxt::decode_fw_health_check(golden("fw_health_check.bin")),
                                        bnxt::decode_fw_qstatus(golden("fw_qstatus.bin")), 6,
                                        bnxt::decode_temp_monitor_query(golden("temp_monitor_query.bin")));
    const auto& h = s.tree;
    CHECK(h["fw_health_check"]["fw_status"] == "0x00010915");
    CHECK(h["fw_health_check"]["problems"] == Tree::array({"cfg_mismatch"}));
    CHECK(h["fw_health_check"]["unknown_bits"] == "0x00010000");
    CHECK(h["fw_qstatus"]["processor"] == "chip");
    CHECK(h["fw_qstatus"]["self_reset"] == "on_pcie_reset");
    CHECK(h["fw_qstatus"]["nvm_option_action"] == "cold_boot");
    CHECK(h["temperature"]["chip_celsius"] == 55);
    CHECK(h["temperature"]["secondary"]["chip_celsius"] == 56);
    CHECK(h["temperature"]["thresholds_celsius"]["shutdown"] == 115);
    CHECK(s.note.empty());

    const auto failing = bnxt::health_section(failed<bnxt::FwHealthCheck>("HWRM_FW_HEALTH_CHECK"),
                                              failed<bnxt::FwQstatus>("HWRM_FW_QSTATUS"), 6,
                                              bnxt::decode_temp_monitor_query(golden("temp_monitor_query_16.bin")));
    CHECK(failing.tree["fw_health_check"].is_null());
    CHECK(failing.tree["fw_qstatus"].is_null());
    CHECK(failing.tree["temperature"]["phy_celsius"].is_null());
    CHECK(failing.tree["temperature"]["thresholds_celsius"].is_null());
    CHECK(failing.note.find("HWRM_FW_HEALTH_CHECK failed") != std::string::npos);
    CHECK(failing.note.find("HWRM_FW_QSTATUS failed") != std::string::npos);
}

TEST_CASE("bnxt sections: info decodes uctx_caps, config says why no NVM variable is read")
{
    const Bytes caps{0x0f, 0, 0, 0};
    const auto info = bnxt::info_section(caps);
    CHECK(info.tree["uctx_caps"] == "0xf");
    CHECK(info.tree["capabilities"] ==
          Tree::array({"inline_commands", "query_commands", "send_commands", "dma_commands"}));
    CHECK(bnxt::info_section(Bytes{1, 0}).note.find("fewer than") != std::string::npos);

    const auto with_dma = bnxt::config_note(0xf);
    CHECK(with_dma.find("NVM_GET_VARIABLE") != std::string::npos);
    CHECK(with_dma.find("not on its allowlist") != std::string::npos);
    CHECK(with_dma.find("offers dma_commands") != std::string::npos);
    CHECK(bnxt::config_note(0x7).find("does not offer dma_commands") != std::string::npos);
    CHECK(bnxt::config_note(std::nullopt).find("unknown") != std::string::npos);
}
