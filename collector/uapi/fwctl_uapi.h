/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The fwctl userspace API, as fwctl-report needs it.
 *
 * Debian 12 ships kernel headers from 6.1; fwctl arrived in 6.15, so the
 * project carries its own copy of the definitions it uses (rdma-core keeps
 * kernel-headers/ for the same reason). Layouts and values follow
 * include/uapi/fwctl/{fwctl,mlx5,cxl,bnxt,pds}.h of mainline Linux; see
 * uapi/README.md for where each value was checked. Only what a read-only
 * client needs is here.
 */
#ifndef FWCTL_REPORT_UAPI_H
#define FWCTL_REPORT_UAPI_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define FWCTL_TYPE 0x9A

enum {
	FWCTL_CMD_BASE = 0,
	FWCTL_CMD_INFO = 0,
	FWCTL_CMD_RPC = 1,
};

/* Both are plain _IO even though a struct pointer is passed: the kernel
 * compares the whole command word, so any other encoding gets ENOTTY. */
#define FWCTL_INFO _IO(FWCTL_TYPE, FWCTL_CMD_INFO)
#define FWCTL_RPC _IO(FWCTL_TYPE, FWCTL_CMD_RPC)

enum fwctl_device_type {
	FWCTL_DEVICE_TYPE_ERROR = 0,
	FWCTL_DEVICE_TYPE_MLX5 = 1,
	FWCTL_DEVICE_TYPE_CXL = 2,
	FWCTL_DEVICE_TYPE_BNXT = 3,
	FWCTL_DEVICE_TYPE_PDS = 4,
};

struct fwctl_info {
	__u32 size;
	__u32 flags;
	__u32 out_device_type;
	__u32 device_data_len;
	__aligned_u64 out_device_data;
};

enum fwctl_rpc_scope {
	FWCTL_RPC_CONFIGURATION = 0,
	FWCTL_RPC_DEBUG_READ_ONLY = 1,
	FWCTL_RPC_DEBUG_WRITE = 2,      /* taints the kernel (J) */
	FWCTL_RPC_DEBUG_WRITE_FULL = 3, /* CAP_SYS_RAWIO + taint */
};

struct fwctl_rpc {
	__u32 size;
	__u32 scope;
	__u32 in_len;
	__u32 out_len;
	__aligned_u64 in;
	__aligned_u64 out;
};

/* Kernel limit on in_len/out_len (drivers/fwctl/main.c MAX_RPC_LEN). */
#define FWCTL_MAX_RPC_LEN (2u * 1024u * 1024u)

/* include/uapi/fwctl/mlx5.h */
struct fwctl_info_mlx5 {
	__u32 uid;
	__u32 uctx_caps;
};
#define FWCTL_MLX5_UCTX_CAP_TOOLS_RESOURCES 0x4u

/* include/uapi/fwctl/bnxt.h */
struct fwctl_info_bnxt {
	__u32 uctx_caps;
};

/* include/uapi/fwctl/pds.h */
struct fwctl_info_pds {
	__u32 uctx_caps;
};

/* include/uapi/fwctl/cxl.h: request and reply headers (payload follows). */
struct fwctl_rpc_cxl_hdr {
	__u32 opcode;
	__u32 flags;
	__u32 op_size;
	__u32 reserved1;
};
struct fwctl_rpc_cxl_out_hdr {
	__u32 size;
	__u32 retval;
};

#endif
