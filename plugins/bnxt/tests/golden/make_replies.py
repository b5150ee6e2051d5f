#!/usr/bin/env python3
"""Writes the golden bnxt reply files (replies/*.bin) used by test_bnxt_wire.cpp.

Written from the layout documents, independently of bnxt_sim_module.cpp:
include/linux/bnxt/hsi.h (HWRM 1.10.3.133) and cxl-bnxt-layouts.md Part B; the
FW_HEALTH_CHECK layout is from the Broadcom HSI (weka/netxtreme-bnxt_en
bnxt_hsi.h), older NVM_GET_DEV_INFO / VER_GET / TEMP_MONITOR_QUERY layouts from
the HSI revisions named below. Every multi-byte field is little endian.

Each file is what the fwctl driver hands back for a 704-byte out_len
(HWRM_MAX_RESP_LEN): the firmware's response, then zeros up to 704 bytes.
Run from anywhere: python3 make_replies.py
"""
import os
import struct

OUT_LEN = 704  # HWRM_MAX_RESP_LEN: the plugin's reply buffer
HERE = os.path.dirname(os.path.abspath(__file__))


class Reply:
    def __init__(self, size):
        self.b = bytearray(size)

    def u8(self, off, v):
        self.b[off] = v

    def le16(self, off, v):
        struct.pack_into("<H", self.b, off, v)

    def le32(self, off, v):
        struct.pack_into("<I", self.b, off, v)

    def text(self, off, s, width=16):
        raw = s.encode("ascii")
        assert len(raw) <= width
        self.b[off:off + len(raw)] = raw

    def ver8(self, off, v):  # u8 maj, min, bld, rsvd/patch
        for i, p in enumerate(v):
            self.u8(off + i, p)

    def ver16(self, off, v):  # __le16 major, minor, build, patch
        for i, p in enumerate(v):
            self.le16(off + 2 * i, p)

    def header(self, error_code, req_type, seq_id, resp_len):
        # struct output: error_code @0, req_type @2, seq_id @4, resp_len @6
        self.le16(0, error_code)
        self.le16(2, req_type)
        self.le16(4, seq_id)
        self.le16(6, resp_len)

    def write(self, name):
        data = bytes(self.b) + bytes(OUT_LEN - len(self.b))
        with open(os.path.join(HERE, "replies", name), "wb") as f:
            f.write(data)


def response(size, req_type, seq_id=0):
    """A successful response of `size` bytes: header and `valid` (1) as the last byte."""
    r = Reply(size)
    r.header(0, req_type, seq_id, size)
    r.u8(size - 1, 1)  # valid = HWRM_RESP_VALID_KEY
    return r


def ver_get():
    # hwrm_ver_get_output, 176 bytes (HSI 1.10.3). The 16-bit versions differ from
    # the 8-bit ones where a part does not fit in a byte (300 -> 44), so a test can
    # tell which set the decoder chose.
    r = response(176, 0x0000, seq_id=0)
    r.ver8(8, (1, 10, 3, 0))              # hwrm_intf_{maj,min,upd,rsvd}_8b
    r.ver8(12, (230, 0, 156, 0))          # hwrm_fw_*_8b
    r.ver8(16, (230, 0, 44, 1))           # mgmt_fw_*_8b (build 300 truncated)
    r.ver8(20, (0, 0, 0, 0))              # netctrl_fw_*_8b: no netctrl firmware
    r.le32(24, 0x00008115)                # dev_caps_cfg
    r.ver8(28, (230, 0, 152, 0))          # roce_fw_*_8b
    r.text(32, "ChiMP_HWRM")              # hwrm_fw_name
    r.text(48, "ChiMP_MGMT")              # mgmt_fw_name
    r.text(80, "230.1.116.0")             # active_pkg_name
    r.text(96, "RoCE")                    # roce_fw_name
    r.le16(112, 0x1750)                   # chip_num
    r.u8(114, 1)                          # chip_rev
    r.u8(115, 1)                          # chip_metal
    r.u8(116, 0)                          # chip_bond_id
    r.u8(117, 0)                          # chip_platform_type: ASIC
    r.le16(118, 128)                      # max_req_win_len
    r.le16(120, 704)                      # max_resp_len
    r.le16(122, 500)                      # def_req_timeout
    r.u8(124, 0x02)                       # flags: EXT_VER_AVAIL
    r.u8(127, 1)                          # always_1
    r.ver16(128, (1, 10, 3, 133))         # hwrm_intf_{major,minor,build,patch}
    r.ver16(136, (230, 0, 156, 0))        # hwrm_fw_*
    r.ver16(144, (230, 0, 300, 1))        # mgmt_fw_*
    r.ver16(152, (0, 0, 0, 0))            # netctrl_fw_*
    r.ver16(160, (230, 0, 152, 0))        # roce_fw_*
    r.le16(168, 128)                      # max_ext_req_len
    r.le16(170, 60)                       # max_req_timeout (s)
    r.write("ver_get.bin")                # valid @175


def ver_get_hsi18():
    # The 128-byte layout of HSI 1.8: byte 127 (always_1 today) was `valid`; no
    # 16-bit versions and no EXT_VER_AVAIL, so the 8-bit fields are used.
    r = response(128, 0x0000, seq_id=7)
    r.ver8(8, (1, 8, 1, 0))               # interface 1.8.1 (spec code below 1.8.3)
    r.ver8(12, (20, 8, 51, 0))            # hwrm_fw_*_8b
    r.ver8(16, (20, 8, 51, 0))            # mgmt_fw_*_8b
    r.ver8(28, (20, 8, 40, 0))            # roce_fw_*_8b
    r.text(80, "20.8.3.11")               # active_pkg_name
    r.le16(112, 0x16d7)                   # chip_num (BCM57414)
    r.u8(114, 0)                          # chip_rev A
    r.u8(115, 1)                          # chip_metal 1
    r.u8(124, 0x00)                       # flags: none
    r.write("ver_get_hsi18_128.bin")      # valid @127


def nvm_get_dev_info(name, size, fw_ver_valid):
    # hwrm_nvm_get_dev_info_output: 96 bytes in hsi.h; 80 bytes in HSI 1.10.2.164
    # (no netctrl/srt2/security SoC); 32 bytes in older HSIs.
    r = response(size, 0xfff6, seq_id=2)
    r.le16(8, 0x00c2)                     # manufacturer_id (Macronix)
    r.le16(10, 0x2539)                    # device_id
    r.le32(12, 4096)                      # sector_size
    r.le32(16, 0x02000000)                # nvram_size
    r.le32(20, 0x00010000)                # reserved_size
    r.le32(24, 0x00c8e000)                # available_size
    r.ver8(28, (0, 0, 6))                 # nvm_cfg_ver_{maj,min,upd}
    if size >= 80:
        r.u8(31, 0x01 if fw_ver_valid else 0x00)  # flags: FW_VER_VALID
        r.text(32, "231.0.162.0")         # pkg_name (stored package)
        r.ver16(48, (231, 0, 154, 0))     # hwrm_fw_*  (devlink fw.mgmt stored)
        r.ver16(56, (231, 0, 150, 0))     # mgmt_fw_*  (devlink fw.ncsi stored)
        r.ver16(64, (231, 0, 152, 0))     # roce_fw_*  (devlink fw.roce stored)
    if size >= 96:
        r.ver16(72, (231, 0, 10, 0))      # netctrl_fw_*
        r.ver16(80, (1, 2, 3, 4))         # srt2_fw_*
        r.ver8(88, (5, 6, 7, 8))          # security_soc_fw_{major..patch} (u8 each)
    r.write(name)


def fw_qstatus():
    # hwrm_fw_qstatus_output, 16 bytes.
    r = response(16, 0x00c1, seq_id=3)
    r.u8(8, 2)                            # selfrst_status: SELFRSTPCIERST
    r.u8(9, 3)                            # nvm_option_action_status: COLDBOOT
    r.write("fw_qstatus.bin")             # valid @15


def fw_health_check():
    # hwrm_fw_health_check_output, 16 bytes: fw_status @8 (__le32), valid @15.
    r = response(16, 0x00c2, seq_id=4)
    # SBI_BOOTED | SRT_BOOTED | CRT_BOOTED | DIR_HDR_BOOTED | CFG_MISMATCH, plus
    # bit 16, which no HSI revision read for this plugin names.
    r.le32(8, 0x1 | 0x4 | 0x10 | 0x100 | 0x800 | 0x10000)
    r.write("fw_health_check.bin")


def temp_monitor_query():
    # hwrm_temp_monitor_query_output, 24 bytes (hsi.h).
    r = response(24, 0x00e0, seq_id=5)
    r.u8(8, 55)                           # temp
    r.u8(9, 50)                           # phy_temp
    r.u8(10, 38)                          # om_temp
    r.u8(11, 0x30)                        # flags: EXT_TEMP_FIELDS_AVAILABLE | THRESHOLD_VALUES_AVAILABLE
    r.u8(12, 56)                          # temp2
    r.u8(13, 51)                          # phy_temp2
    r.u8(14, 39)                          # om_temp2
    r.u8(15, 95)                          # warn_threshold
    r.u8(16, 105)                         # critical_threshold
    r.u8(17, 110)                         # fatal_threshold
    r.u8(18, 115)                         # shutdown_threshold
    r.write("temp_monitor_query.bin")     # valid @23


def temp_monitor_query_16():
    # The older 16-byte layout (temp, phy_temp, om_temp, flags; valid @15).
    r = response(16, 0x00e0, seq_id=6)
    r.u8(8, 60)                           # temp
    r.u8(9, 0)                            # phy_temp (not available)
    r.u8(11, 0x06)                        # flags: PHY_TEMP_NOT_AVAILABLE | OM_NOT_PRESENT
    r.write("temp_monitor_query_16.bin")


def errors():
    # A firmware refusal: hwrm_err_output (16 bytes), error_code 3 =
    # HWRM_ERR_CODE_RESOURCE_ACCESS_DENIED, for NVM_GET_DEV_INFO.
    r = Reply(16)
    r.header(0x0003, 0xfff6, 2, 16)
    r.u8(15, 1)                           # valid
    r.write("error_access_denied.bin")

    # Firmware without the command: HWRM_ERR_CODE_CMD_NOT_SUPPORTED (0xffff).
    r = Reply(16)
    r.header(0xffff, 0x00e0, 5, 16)
    r.u8(15, 1)
    r.write("error_not_supported.bin")

    # bnxt_en failed the message before firmware answered: the fwctl driver
    # stores cpu_to_le16(-ETIMEDOUT) = 0xff92 in an otherwise zero buffer.
    r = Reply(8)
    r.header(0xff92, 0, 0, 0)
    r.write("error_driver_etimedout.bin")


def main():
    os.makedirs(os.path.join(HERE, "replies"), exist_ok=True)
    ver_get()
    ver_get_hsi18()
    nvm_get_dev_info("nvm_get_dev_info.bin", 96, True)
    nvm_get_dev_info("nvm_get_dev_info_80.bin", 80, True)
    nvm_get_dev_info("nvm_get_dev_info_no_fw_ver.bin", 96, False)
    nvm_get_dev_info("nvm_get_dev_info_32.bin", 32, False)
    fw_qstatus()
    fw_health_check()
    temp_monitor_query()
    temp_monitor_query_16()
    errors()


if __name__ == "__main__":
    main()
