#!/bin/sh
# Shared by the lab containers' entry scripts.

log() { echo "[$LAB_ROLE] $*" >&2; }

# Interface holding an address inside the given CIDR (how a compose network is recognised).
iface_in() {
  python3 - "$1" 2>/dev/null <<'PY' || iface_in_sh "$1"
import ipaddress, json, subprocess, sys
net = ipaddress.ip_network(sys.argv[1])
for l in json.loads(subprocess.check_output(["ip", "-j", "-4", "addr", "show"])):
    for a in l.get("addr_info", []):
        if ipaddress.ip_address(a["local"]) in net:
            print(l["ifname"]); sys.exit(0)
sys.exit(1)
PY
}
# Without python: compare the first three octets (the lab's link networks are /29 or /24 in 10.213.x).
iface_in_sh() {
  prefix=$(echo "$1" | cut -d/ -f1 | cut -d. -f1-3)
  ip -o -4 addr show | awk -v p="$prefix." 'index($4, p) == 1 { print $2; exit }'
}

# The data-plane interface: found by subnet, renamed to lan0, its engine address removed.
setup_lan() {
  dev=$(iface_in "$LAB_DATA_NET")
  if [ -z "$dev" ]; then log "no interface in $LAB_DATA_NET"; return 1; fi
  ip addr flush dev "$dev"
  ip link set dev "$dev" down
  ip link set dev "$dev" name lan0
  ip link set dev lan0 up
  # Never route around the switch: no default route via the engine's management gateway.
  ip route del default 2>/dev/null || true
  log "lan0 (was $dev) on $LAB_DATA_NET"
}

setup_user() {
  id "$LAB_USER" >/dev/null 2>&1 || useradd -m -s /bin/bash "$LAB_USER"
  echo "$LAB_USER:$LAB_PASSWORD" | chpasswd
  if [ -d /etc/sudoers.d ]; then echo "$LAB_USER ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/lab; chmod 440 /etc/sudoers.d/lab; fi
  [ -f /etc/ssh/ssh_host_ed25519_key ] || ssh-keygen -A >/dev/null
  mkdir -p /run/sshd
  /usr/sbin/sshd
}

ready() { mkdir -p /run/proeflab; echo "${1:-ok}" > /run/proeflab/ready; log "ready"; }
