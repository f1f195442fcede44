#!/bin/sh
# pc1/pc2: a Debian workstation in a user VLAN. Address by DHCP (dhclient keeps trying in the
# background); the default gateway comes from DHCP too, never from the engine.
. /usr/local/lib/proeflab/lab-common.sh
setup_lan || exit 1
setup_user
# dhclient must not rewrite the engine-managed resolv.conf.
cat > /etc/dhcp/dhclient-enter-hooks.d/no-resolv <<'H'
make_resolv_conf() { :; }
H
dhclient -4 -nw -pf /run/dhclient.lan0.pid lan0 2>/dev/null
ready
exec sleep infinity
