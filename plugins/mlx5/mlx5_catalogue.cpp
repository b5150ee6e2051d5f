// The catalogue of known configuration items. Positions are the mlxconfig DB offsets
// (dword byte offset, lowest bit, width), cross-checked with the kernel's nv_param.c
// where it names the field (mlx5-layouts.md §0.1, §9). Descriptions are our own words.
#include "plugins/mlx5/mlx5_catalogue.hpp"

#include <array>

namespace fwctl::plugins::mlx5 {

namespace {

using K = ValueKind;
using C = Category;

constexpr FieldPos at(std::uint8_t dword, std::uint8_t lsb, std::uint8_t width = 1) { return {dword, lsb, width}; }

// ---- value names ----------------------------------------------------------------
constexpr ValueName cqe_compression_values[] = {{0, "BALANCED"}, {1, "AGGRESSIVE"}};
// The DB names five modes; only these two were confirmed, the others are shown as numbers.
constexpr ValueName pci_atomic_values[] = {{0, "PCI_ATOMIC_DISABLED_EXT_ATOMIC_ENABLED"},
                                           {4, "PCI_ATOMICS_ENABLED_EXT_ATOMICS_ENABLED"}};
constexpr ValueName link_type_values[] = {{1, "IB"}, {2, "ETH"}};
constexpr ValueName cpu_model_values[] = {{0, "SEPARATED_HOST"}, {1, "EMBEDDED_CPU"}};
constexpr ValueName offload_engine_values[] = {{0, "ENABLED"}, {1, "DISABLED"}};
constexpr ValueName roce_control_values[] = {{0, "DEVICE_DEFAULT"}, {1, "ROCE_DISABLE"}, {2, "ROCE_ENABLE"}};

// ---- nv_global_pci_conf: class 0, index 0x80, 12 bytes (§9.1) ------------------
// Valid bits in dword 0: sriov 31, fpp 29, num_pfs 28, num_vf_msix 27,
// num_pf_msix 26, vf_bar_size 25, pf_bar_size 24.
constexpr ParamSpec global_pci_conf[] = {
    {"SRIOV_EN", at(4, 31), K::boolean, {}, at(0, 31), C::pci,
     "Whether the physical functions offer SR-IOV virtual functions."},
    {"NUM_OF_VFS", at(4, 0, 16), K::integer, {}, at(0, 31), C::pci,
     "How many virtual functions each physical function offers when SR-IOV is on."},
    {"NUM_OF_PF", at(4, 16, 8), K::integer, {}, at(0, 28), C::pci,
     "How many physical functions the adapter shows on the PCI bus."},
    {"FPP_EN", at(4, 29), K::boolean, {}, at(0, 29), C::pci,
     "Function-per-port mode: one physical function for each network port."},
    {"PF_BAR2_ENABLE", at(4, 27), K::boolean, {}, std::nullopt, C::pci,
     "Whether each physical function has an additional BAR2 memory window."},
    {"PF_NUM_OF_VF_VALID", at(0, 14), K::boolean, {}, std::nullopt, C::pci,
     "When true, each function's own PF_NUM_OF_VF replaces the global NUM_OF_VFS."},
    {"PER_PF_NUM_SF", at(0, 20), K::boolean, {}, std::nullopt, C::pci,
     "When true, each physical function has its own sub-function count (PF_TOTAL_SF)."},
    {"PF_LOG_BAR_SIZE", at(8, 0, 6), K::integer, {}, at(0, 24), C::pci,
     "Size of each physical function's BAR, as a power of two."},
    {"VF_LOG_BAR_SIZE", at(8, 6, 6), K::integer, {}, at(0, 25), C::pci,
     "Size of each virtual function's BAR, as a power of two."},
    {"NUM_PF_MSIX", at(8, 12, 10), K::integer, {}, at(0, 26), C::pci,
     "How many MSI-X interrupt vectors each physical function has."},
    {"NUM_VF_MSIX", at(8, 22, 10), K::integer, {}, at(0, 27), C::pci,
     "How many MSI-X interrupt vectors each virtual function has."},
};

// ---- nv_pf_pci_conf: class 3 (this function), index 0x80, 16 bytes (§9.3) ------
constexpr ParamSpec pf_pci_conf[] = {
    {"PF_NUM_OF_VF", at(8, 0, 16), K::integer, {}, at(0, 22), C::pci,
     "How many virtual functions this physical function offers, when PF_NUM_OF_VF_VALID is true."},
    {"PF_TOTAL_SF", at(0, 0, 16), K::integer, {}, at(0, 23), C::pci,
     "How many sub-functions this physical function offers."},
    {"PF_SF_BAR_SIZE", at(0, 24, 8), K::integer, {}, std::nullopt, C::pci,
     "Size of this physical function's sub-function BAR, as a power of two."},
};

// ---- nv_sw_offload_conf: class 0, index 0x10a, 8 bytes (§9.4) ------------------
constexpr ParamSpec sw_offload_conf[] = {
    {"CQE_COMPRESSION", at(0, 0, 3), K::enumeration, cqe_compression_values, std::nullopt, C::performance,
     "How eagerly completion entries are compressed to save PCIe bandwidth."},
    {"PCI_ATOMIC_MODE", at(0, 12, 3), K::enumeration, pci_atomic_values, std::nullopt, C::pci,
     "Which atomic operations are carried out as PCIe atomics."},
    {"IP_OVER_VXLAN_EN", at(0, 4), K::boolean, {}, std::nullopt, C::other,
     "Whether IP packets carried directly in VXLAN are recognised and offloaded."},
    {"IP_OVER_VXLAN_PORT", at(0, 16, 16), K::integer, {}, std::nullopt, C::other,
     "UDP port used to recognise IP-over-VXLAN traffic."},
    {"RDMA_SELECTIVE_REPEAT_EN", at(0, 11), K::boolean, {}, std::nullopt, C::performance,
     "Whether RDMA connections resend only lost packets instead of everything after them."},
    {"REAL_TIME_CLOCK_ENABLE", at(0, 10), K::boolean, {}, std::nullopt, C::other,
     "Whether the adapter keeps a real-time clock for timestamps."},
    {"UCTX_EN", at(0, 8), K::boolean, {}, std::nullopt, C::other,
     "Whether applications may open firmware user contexts (DEVX)."},
    {"PRIO_TAG_REQUIRED_EN", at(0, 7), K::boolean, {}, std::nullopt, C::other,
     "Whether transmitted frames must carry a priority tag."},
    {"ESWITCH_IPV4_TTL_MODIFY_ENABLE", at(0, 6), K::boolean, {}, std::nullopt, C::other,
     "Whether embedded-switch flows may rewrite the IPv4 TTL."},
    {"MKEY_BY_NAME", at(0, 5), K::boolean, {}, std::nullopt, C::other,
     "Whether memory keys can be created with an index the application chooses."},
    {"TUNNEL_ECN_COPY_DISABLE", at(0, 15), K::boolean, {}, std::nullopt, C::other,
     "Stops copying ECN bits between the outer and inner headers of tunnelled packets."},
    {"VECTOR_CALC_DISABLE", at(0, 9), K::boolean, {}, std::nullopt, C::other,
     "Turns off the vector calculation offload."},
    {"TUNNEL_IP_PROTO_ENTROPY_DISABLE", at(4, 31), K::boolean, {}, std::nullopt, C::other,
     "Stops using the IP protocol as a source of entropy for tunnelled traffic."},
    {"ROCE_ADAPTIVE_ROUTING_EN", at(4, 29), K::boolean, {}, std::nullopt, C::performance,
     "Whether RoCE traffic may use adaptive routing."},
    {"LOG_MAX_OUTSTANDING_WQE", at(4, 24, 5), K::integer, {}, std::nullopt, C::performance,
     "Maximum number of outstanding work requests per queue, as a power of two."},
    {"VF_MIGRATION_MODE", at(4, 22, 2), K::integer, {}, std::nullopt, C::other,
     "Whether virtual functions support live migration."},
    {"LOG_TX_PSN_WINDOW", at(4, 16, 6), K::integer, {}, std::nullopt, C::performance,
     "Size of the RDMA transmit window in packet sequence numbers, as a power of two."},
    {"LRO_LOG_TIMEOUT0", at(4, 0, 4), K::integer, {}, std::nullopt, C::performance,
     "First of four large-receive-offload timeouts, as a power of two."},
    {"LRO_LOG_TIMEOUT1", at(4, 4, 4), K::integer, {}, std::nullopt, C::performance,
     "Second of four large-receive-offload timeouts, as a power of two."},
    {"LRO_LOG_TIMEOUT2", at(4, 8, 4), K::integer, {}, std::nullopt, C::performance,
     "Third of four large-receive-offload timeouts, as a power of two."},
    {"LRO_LOG_TIMEOUT3", at(4, 12, 4), K::integer, {}, std::nullopt, C::performance,
     "Fourth of four large-receive-offload timeouts, as a power of two."},
};

// ---- nv_vpi_link_type: class 1 (port n), index 0x12, 4 bytes (§9.6) ------------
constexpr ParamSpec link_type_p1[] = {
    {"LINK_TYPE_P1", at(0, 2, 2), K::enumeration, link_type_values, std::nullopt, C::other,
     "Protocol of port 1: InfiniBand or Ethernet."},
};
constexpr ParamSpec link_type_p2[] = {
    {"LINK_TYPE_P2", at(0, 2, 2), K::enumeration, link_type_values, std::nullopt, C::other,
     "Protocol of port 2: InfiniBand or Ethernet."},
};

// ---- nv_keep_link_up: class 1 (port n), index 0x190, 4 bytes (§9.6) ------------
constexpr ParamSpec keep_link_up_p1[] = {
    {"KEEP_ETH_LINK_UP_P1", at(0, 0), K::boolean, {}, std::nullopt, C::other,
     "Keeps the Ethernet link of port 1 up while no driver is loaded."},
    {"KEEP_IB_LINK_UP_P1", at(0, 1), K::boolean, {}, std::nullopt, C::other,
     "Keeps the InfiniBand link of port 1 up while no driver is loaded."},
    {"KEEP_LINK_UP_ON_BOOT_P1", at(0, 2), K::boolean, {}, std::nullopt, C::other,
     "Brings the link of port 1 up during boot, before a driver loads."},
    {"KEEP_LINK_UP_ON_STANDBY_P1", at(0, 3), K::boolean, {}, std::nullopt, C::other,
     "Keeps the link of port 1 up while the host is in standby."},
};
constexpr ParamSpec keep_link_up_p2[] = {
    {"KEEP_ETH_LINK_UP_P2", at(0, 0), K::boolean, {}, std::nullopt, C::other,
     "Keeps the Ethernet link of port 2 up while no driver is loaded."},
    {"KEEP_IB_LINK_UP_P2", at(0, 1), K::boolean, {}, std::nullopt, C::other,
     "Keeps the InfiniBand link of port 2 up while no driver is loaded."},
    {"KEEP_LINK_UP_ON_BOOT_P2", at(0, 2), K::boolean, {}, std::nullopt, C::other,
     "Brings the link of port 2 up during boot, before a driver loads."},
    {"KEEP_LINK_UP_ON_STANDBY_P2", at(0, 3), K::boolean, {}, std::nullopt, C::other,
     "Keeps the link of port 2 up while the host is in standby."},
};

// ---- nv_internal_cpu_conf: class 0, index 0xc, 16 bytes (§9.6; BlueField) -------
constexpr ParamSpec internal_cpu_conf[] = {
    {"INTERNAL_CPU_MODEL", at(0, 0, 4), K::enumeration, cpu_model_values, std::nullopt, C::other,
     "Whether the on-board Arm cores (embedded) or the host (separated) own the network functions."},
    {"INTERNAL_CPU_OFFLOAD_ENGINE", at(0, 8), K::enumeration, offload_engine_values, std::nullopt, C::other,
     "Whether the on-board Arm cores' offload engine is in use."},
};

// ---- nv_hca_conf: class 3 (this function), index 0x112, 4 bytes (§9.6) ---------
constexpr ParamSpec hca_conf[] = {
    {"ROCE_CONTROL", at(0, 26, 2), K::enumeration, roce_control_values, std::nullopt, C::other,
     "Whether RoCE is available on this function."},
    {"PCI_WR_ORDERING", at(0, 28, 2), K::integer, {}, std::nullopt, C::pci,
     "PCIe write-ordering policy of this function."},
};

// ---- nv_pci_conf: class 7 (host), index 0x80, 4 bytes (§9.6) -------------------
constexpr ParamSpec pci_conf[] = {
    {"ADVANCED_PCI_SETTINGS", at(0, 31), K::boolean, {}, std::nullopt, C::pci,
     "Whether the advanced PCI parameters may be changed."},
    {"EXP_ROM_PXE_ENABLE", at(0, 26), K::boolean, {}, std::nullopt, C::other,
     "Whether the PXE network-boot expansion ROM runs."},
    {"EXP_ROM_UEFI_x86_ENABLE", at(0, 25), K::boolean, {}, std::nullopt, C::other,
     "Whether the x86 UEFI expansion ROM runs."},
};

constexpr std::array<ItemSpec, 10> items{{
    {"nv_global_pci_conf", 0x00000080, 12, global_pci_conf},
    {"nv_pf_pci_conf", 0x03000080, 16, pf_pci_conf},
    {"nv_sw_offload_conf", 0x0000010a, 8, sw_offload_conf},
    {"nv_vpi_link_type", 0x01010012, 4, link_type_p1},
    {"nv_vpi_link_type", 0x01020012, 4, link_type_p2},
    {"nv_keep_link_up", 0x01010190, 4, keep_link_up_p1},
    {"nv_keep_link_up", 0x01020190, 4, keep_link_up_p2},
    {"nv_hca_conf", 0x03000112, 4, hca_conf},
    {"nv_pci_conf", 0x07000080, 4, pci_conf},
    {"nv_internal_cpu_conf", 0x0000000c, 16, internal_cpu_conf},
}};

}  // namespace

std::string_view category_name(Category category)
{
    switch (category) {
    case Category::pci: return "pci";
    case Category::performance: return "performance";
    case Category::other: return "other";
    }
    return "other";
}

std::span<const ItemSpec> catalogue() { return items; }

const ItemSpec* find_item(std::uint32_t type)
{
    for (const ItemSpec& item : items) {
        if (item.type == type) {
            return &item;
        }
    }
    return nullptr;
}

}  // namespace fwctl::plugins::mlx5
