#!/usr/bin/env python3
"""Writes the golden CXL fwctl reply bytes used by test_cxl_wire.cpp.

Built from the layouts in cxl-bnxt-layouts.md Part A (and include/uapi/fwctl/cxl.h,
include/uapi/cxl/features.h, drivers/cxl/core/features.c), not from the fwctl-sim
module, so the decoders are checked against the documents themselves.

struct fwctl_rpc_cxl_out: u32 size @0, u32 retval @4 in HOST order (these files are
little-endian hosts' bytes), payload @8. Mailbox payloads are little-endian.

Run from anywhere: python3 make_replies.py  (rewrites replies/*.bin next to it).
"""
import os
import struct

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "replies")


def out_header(size, retval):
    # fwctl_rpc_cxl_out header: size, retval (host order; little-endian here)
    return struct.pack("<II", size, retval)


def uuid(text):
    # UUID_INIT byte order = the canonical text's bytes in sequence (A.4)
    return bytes.fromhex(text.replace("-", ""))


def feat_entry(uuid_text, fid, get_size, set_size, flags, get_ver, set_ver, effects):
    # struct cxl_feat_entry, 48 bytes packed (A.2):
    #  0 uuid[16] | 16 id le16 | 18 get_feat_size le16 | 20 set_feat_size le16
    # 22 flags le32 | 26 get_feat_ver | 27 set_feat_ver | 28 effects le16 | 30 reserved[18]
    e = uuid(uuid_text) + struct.pack("<HHHIBBH", fid, get_size, set_size, flags, get_ver, set_ver, effects)
    e += bytes(18)
    assert len(e) == 48
    return e


def get_supported_features(total, entries):
    # cxlctl_get_supported_features: rpc_out->size = 8 + 48n; out_len = 16 + 8 + 48n
    # payload @8: num_entries le16, supported_feats le16, reserved[4], ents[]
    body = struct.pack("<HH4x", len(entries), total) + b"".join(entries)
    reply = out_header(len(body), 0) + body + bytes(8)  # 8 trailing bytes of the union
    assert len(reply) == 24 + 48 * len(entries)
    return reply


def get_feature_ok(data):
    # cxlctl_get_feature success: size = bytes read, retval 0, data @8;
    # the driver's out_len is sizeof(fwctl_rpc_cxl_out) + size = 16 + size
    return out_header(len(data), 0) + data + bytes(8)


def get_feature_failed(retval):
    # cxlctl_get_feature failure: size 0, retval = the device's code, out_len 16
    return out_header(0, retval) + bytes(8)


SCRUB = "96dad7d6-fde8-482b-a733-75774e06db8a"
ECS = "e5b13f22-2328-4a14-b8ba-b9691e893386"
VENDOR = "d1b5f3a2-7c4e-4f1a-9b6d-2e8c0a4f7b13"

REPLIES = {
    # count = 0: no entries, supported_feats = 3
    "get_supported_features_count.bin": get_supported_features(3, []),
    # all three; scrub and ECS as the kernel edits kernel-exclusive entries
    # (set_feat_size 0, CHANGEABLE cleared)
    "get_supported_features_list.bin": get_supported_features(3, [
        feat_entry(SCRUB, 0, 4, 0, 0x60, 1, 1, 0x0202),
        feat_entry(ECS, 1, 9, 0, 0x20, 1, 1, 0x0202),
        feat_entry(VENDOR, 3, 8, 8, 0x79, 2, 3, 0x0201),
    ]),
    # cxl_scrub_rd_attrbs: cap 0x01 | cycle le16 0x010c (12 h, min 1 h) | flags 0x01
    "get_feature_patrol_scrub_current.bin": get_feature_ok(bytes([0x01, 0x0c, 0x01, 0x01])),
    # cxl_ecs_rd_attrbs, 2 FRUs: log_cap 0x01 | {cap 0x01, config le16 0x0004, flags 0} x 2
    "get_feature_ecs_default.bin": get_feature_ok(bytes([0x01, 0x01, 0x04, 0x00, 0x00, 0x01, 0x04, 0x00, 0x00])),
    # cxl_memdev_ppr_rd_attrbs (20 bytes): header {max_op_latency 0x05, op_cap 0x0001,
    # op_mode 0x0000, op_class 0x01, op_subclass 0x00, rsvd[9]} | ppr_flags 0x0b |
    # restriction_flags le16 0x0000 | ppr_op_mode 0x01
    "get_feature_sppr_current.bin": get_feature_ok(
        bytes([0x05, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00]) + bytes(9) + bytes([0x0b, 0x00, 0x00, 0x01])),
    # an undecoded vendor feature, 8 bytes
    "get_feature_vendor_saved.bin": get_feature_ok(bytes.fromhex("0020000002000000")),
    # selection not offered: 0x1a Unsupported Feature Selection Value
    "get_feature_unsupported_selection.bin": get_feature_failed(0x1A),
    # the device answered short: cxl_internal_send_cmd -EIO, return code stays Success
    "get_feature_short_read.bin": get_feature_failed(0x00),
}


def main():
    os.makedirs(HERE, exist_ok=True)
    for name, data in REPLIES.items():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
