#!/usr/bin/env python3
"""Writes the golden mlx5 reply mailboxes in replies/*.bin.

Written from /work/shared/mlx5-layouts.md (and the kernel's mlx5_ifc_mtmp_reg_bits,
mstflint's tools_open_mnvgn), independently of the emulator in mlx5_sim_module.cpp,
so the decoder tests check the layouts, not the emulator. Every mailbox reply is a
16-byte header (status at byte 0, syndrome at bytes 4-7), then for ACCESS_REG the
register image from byte 0x10. Everything is big endian.

Run from anywhere: python3 plugins/mlx5/tests/golden/make_replies.py
"""
import os
import struct

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "replies")
HDR = 0x10  # the register image (or QUERY_ADAPTER's param block) starts here


def mailbox(total, status=0, syndrome=0):
    buf = bytearray(total)
    buf[0] = status                              # status, byte 0
    struct.pack_into(">I", buf, 4, syndrome)     # syndrome, bytes 4-7
    return buf


def put32(buf, off, value):
    struct.pack_into(">I", buf, off, value)


def write(name, buf):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(bytes(buf))


def version(major, minor, sub):
    return major << 24 | minor << 16 | sub     # MCQI version dword (§5.3 step 5)


def query_adapter():
    # §3: 0x110 bytes; param block at 0x10.
    b = mailbox(0x110)
    b[0x29:0x2c] = bytes([0x00, 0x02, 0xc9])     # ieee_vendor_id, block 0x18 MSB 8..31
    struct.pack_into(">H", b, 0x2e, 0x15b3)      # vsd_vendor_id, block 0x1c MSB 16..31
    b[0x100:0x10d] = b"MT_0000000838"            # vsd_contd_psid, block 0xf0, 16 bytes
    write("query_adapter.bin", b)


def mgir():
    # §4: 160-byte image.
    b = mailbox(HDR + 0xa0)
    put32(b, HDR + 0x00, 0x0000_1021)            # device_hw_revision 0 | device_id 0x1021
    put32(b, HDR + 0x1c, 864000)                 # uptime (s)
    # fw_info @0x20: signed_fw LSB 25, secured LSB 24, major 23..16, minor 15..8, sub_minor 7..0
    put32(b, HDR + 0x20, 1 << 25 | 1 << 24 | 28 << 16 | 39 << 8 | (1002 & 0xff))
    put32(b, HDR + 0x24, 0x1234)                 # build_id
    put32(b, HDR + 0x28, 0x11 << 24 | 0x06 << 16 | 0x2023)  # BCD month, day, year
    put32(b, HDR + 0x2c, 0x1743)                 # BCD hour hhmm
    b[HDR + 0x30:HDR + 0x3d] = b"MT_0000000838"  # psid[16]
    put32(b, HDR + 0x40, 3)                      # ini_file_version
    put32(b, HDR + 0x44, 28)                     # extended_major
    put32(b, HDR + 0x48, 39)                     # extended_minor
    put32(b, HDR + 0x4c, 1002)                   # extended_sub_minor
    write("mgir.bin", b)


def mcqs(name, index, identifier, state, last):
    # §5.1: 16-byte image. dword 0: last_index_flag MSB 0, component_index MSB 16..31;
    # dword 1: identifier MSB 16..31; dword 2: component_update_state MSB 28..31.
    b = mailbox(HDR + 16)
    put32(b, HDR + 0x00, (1 << 31 if last else 0) | index)
    put32(b, HDR + 0x04, identifier)
    put32(b, HDR + 0x08, state)
    write(name, b)


def mcqi(name, pending, ver, text):
    # §5.2: 0x18-byte header + 124-byte VERSION data.
    b = mailbox(HDR + 0x18 + 124)
    put32(b, HDR + 0x00, (1 << 31 if pending else 0) | 0)  # read_pending_component, component 0
    put32(b, HDR + 0x08, 0x1)                    # info_type VERSION (MSB 27..31)
    put32(b, HDR + 0x0c, 124)                    # info_size
    put32(b, HDR + 0x14, 124)                    # data_size (MSB 16..31)
    data = HDR + 0x18
    put32(b, data + 0x00, len(text))             # version_string_length (MSB 24..31)
    put32(b, data + 0x04, ver)                   # version
    b[data + 0x20:data + 0x20 + len(text)] = text  # version_string[92]
    write(name, b)


def mnvgc():
    # §8: dword 0, nvda_read_factory_settings LSB 0, nvda_read_current_settings LSB 1.
    b = mailbox(HDR + 16)
    put32(b, HDR, 0x3)
    write("mnvgc.bin", b)


def mnvqc():
    # §7: type @0x00; dword 1: support_rd LSB 0, support_wr LSB 1, version LSB 7..4.
    b = mailbox(HDR + 8)
    put32(b, HDR + 0, 0x0000010a)
    put32(b, HDR + 4, 1 << 4 | 0x2 | 0x1)
    write("mnvqc.bin", b)


def nv_header(mode, writer, ver, length):
    # §6.2 dword 0: access_mode LSB 23..22, writer_id 20..16, version 15..12, length 8..0
    return mode << 22 | writer << 16 | ver << 12 | length


def mnvda(name, mode, writer, ver, type_, data):
    # §6.1: 12-byte header + 256 data bytes; data at image byte 0x0c.
    b = mailbox(HDR + 12 + 256)
    put32(b, HDR + 0, nv_header(mode, writer, ver, len(data)))
    put32(b, HDR + 4, type_)                      # type: class 31..24, index
    b[HDR + 12:HDR + 12 + len(data)] = data
    write(name, b)


def mnvgn(name, pointer, writer=0, type_=0, data=b""):
    # mstflint tools_open_mnvgn (156 bytes): nv_pointer @0x00, nv_hdr @0x10, nv_data[128] @0x1c.
    b = mailbox(HDR + 0x9c)
    put32(b, HDR + 0x00, pointer)
    if pointer:
        put32(b, HDR + 0x10, nv_header(0, writer, 0, len(data)))
        put32(b, HDR + 0x14, type_)
        b[HDR + 0x1c:HDR + 0x1c + len(data)] = data
    write(name, b)


def mtmp():
    # kernel mlx5_ifc_mtmp_reg_bits, 32 bytes; temperatures in 0.125 degree units.
    b = mailbox(HDR + 0x20)
    put32(b, HDR + 0x00, 0)                      # sensor_index 0 (MSB 20..31)
    put32(b, HDR + 0x04, 420)                    # temperature: 52.5 C
    put32(b, HDR + 0x08, 1 << 31 | 489)          # mte, max_temperature: 61.125 C
    put32(b, HDR + 0x0c, 840)                    # temp_threshold_hi: 105 C
    b[HDR + 0x18:HDR + 0x1c] = b"ASIC"           # sensor_name_hi/lo
    write("mtmp.bin", b)


def refused():
    # A register read the firmware refused: BAD_PARAM, the image left zero.
    write("refused_bad_param.bin", mailbox(HDR + 0xa0, status=0x03, syndrome=0x3b6f2104))


def main():
    os.makedirs(HERE, exist_ok=True)
    query_adapter()
    mgir()
    mcqs("mcqs_boot_pending.bin", 0, 0x1, 4, False)      # BOOT_IMG, ACTIVE_PENDING_RESET
    mcqs("mcqs_nvconfig_last.bin", 1, 0x5, 0, True)      # MLNX_NVCONFIG, last index
    mcqi("mcqi_running.bin", False, version(28, 39, 1002), b"rel-28_39_1002")
    mcqi("mcqi_pending.bin", True, version(28, 41, 1000), b"rel-28_41_1000")
    mnvgc()
    mnvqc()
    mnvda("mnvda_global_pci_conf_next.bin", 0, 0x9, 0, 0x00000080,
          bytes.fromhex("80000000" "80000010" "00000000"))
    mnvda("mnvda_sw_offload_default.bin", 2, 0x0, 1, 0x0000010a, bytes.fromhex("00000100" "0707a866"))
    mnvgn("mnvgn_item.bin", 0x00010000, writer=0x6, type_=0x00000006, data=bytes.fromhex("00000003"))
    mnvgn("mnvgn_end.bin", 0)
    mtmp()
    refused()


if __name__ == "__main__":
    main()
