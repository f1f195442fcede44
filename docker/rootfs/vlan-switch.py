#!/usr/bin/python3
"""proeflab lab: an 802.1Q learning switch on AF_PACKET sockets.

Used when the kernel has no bridge VLAN filtering / 802.1Q support (minimal VM kernels). Real frames
cross it: access ports carry one VLAN untagged, trunk ports carry their allowed VLANs tagged and the
native VLAN untagged, MAC addresses are learnt per VLAN, unknown/broadcast frames flood within the
VLAN only. A switch port that is shut down is an interface that is down (the peer loses carrier).

Configuration: a JSON file (argv[1]) re-read whenever it changes:
  {"ports": {"fa0_1": {"mode": "access", "vlan": 10},
             "gi0_1": {"mode": "trunk", "allowed": [10, 20], "native": 1}}}
"""
import json
import os
import select
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
SOL_PACKET = 263
PACKET_AUXDATA = 8
TP_STATUS_VLAN_VALID = 1 << 4
TP_STATUS_CSUMNOTREADY = 1 << 3
AUX = struct.Struct("IIIHHHH")

conf_file = sys.argv[1]
socks = {}  # ifname -> socket
ports = {}  # ifname -> config
fdmap = {}
macs = {}  # (vlan, mac) -> (ifname, time)
mtime = 0.0


def log(msg):
    sys.stderr.write("[vlan-switch] %s\n" % msg)
    sys.stderr.flush()


def open_port(name):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.setsockopt(SOL_PACKET, PACKET_AUXDATA, 1)
    s.bind((name, 0))
    s.setblocking(False)
    return s


def load():
    global mtime, ports
    try:
        st = os.stat(conf_file)
    except FileNotFoundError:
        return
    if st.st_mtime == mtime:
        return
    mtime = st.st_mtime
    try:
        with open(conf_file) as f:
            cfg = json.load(f)
    except ValueError:
        return
    new = cfg.get("ports", {})
    for name in list(socks):
        if name not in new:
            fdmap.pop(socks[name].fileno(), None)
            socks.pop(name).close()
    for name in new:
        if name not in socks:
            try:
                s = open_port(name)
            except OSError as e:
                log("cannot open %s: %s" % (name, e))
                continue
            socks[name] = s
            fdmap[s.fileno()] = name
    ports = new
    macs.clear()
    log("configuration loaded: %d port(s)" % len(ports))


def csum16(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return (~total) & 0xFFFF


def fix_checksum(frame):
    """Frames from a veth with checksum offload carry a partial TCP/UDP checksum: complete it,
    as a NIC would, before the frame leaves on another port."""
    if len(frame) < 34 or frame[12:14] != b"\x08\x00":
        return frame
    ihl = (frame[14] & 0x0F) * 4
    proto = frame[23]
    total_len = struct.unpack("!H", frame[16:18])[0]
    l4 = 14 + ihl
    end = 14 + total_len
    if proto not in (6, 17) or end > len(frame):
        return frame
    off = l4 + (16 if proto == 6 else 6)
    if off + 2 > end:
        return frame
    seg = bytearray(frame[l4:end])
    cpos = off - l4
    seg[cpos:cpos + 2] = b"\0\0"
    pseudo = frame[26:34] + struct.pack("!BBH", 0, proto, len(seg))
    c = csum16(bytes(pseudo) + bytes(seg))
    if proto == 17 and c == 0:
        c = 0xFFFF
    return frame[:off] + struct.pack("!H", c) + frame[off + 2:]


def carries(p, vlan):
    if p.get("mode") == "trunk":
        return vlan in p.get("allowed", []) or vlan == p.get("native")
    return p.get("vlan") == vlan


def ingress_vlan(p, tag):
    """VLAN a frame belongs to on entry, or None when the port drops it."""
    if p.get("mode") == "trunk":
        vlan = tag if tag is not None else p.get("native", 1)
        return vlan if (vlan in p.get("allowed", [])) else None
    if tag is not None and tag != 0:
        return None  # tagged frame on an access port
    return p.get("vlan", 1)


def egress_frame(p, vlan, frame):
    if p.get("mode") == "trunk" and vlan != p.get("native"):
        return frame[:12] + struct.pack("!HH", 0x8100, vlan & 0x0FFF) + frame[12:]
    return frame


def main():
    load()
    poller = select.poll()
    registered = set()
    last_check = 0.0
    while True:
        now = time.time()
        if now - last_check > 0.3:
            load()
            last_check = now
            for fd in list(registered):
                if fd not in fdmap:
                    try:
                        poller.unregister(fd)
                    except KeyError:
                        pass
                    registered.discard(fd)
            for fd in fdmap:
                if fd not in registered:
                    poller.register(fd, select.POLLIN)
                    registered.add(fd)
        for fd, _ev in poller.poll(300):
            name = fdmap.get(fd)
            if name is None:
                continue
            s = socks[name]
            for _ in range(64):
                try:
                    frame, anc, _flags, addr = s.recvmsg(65535, socket.CMSG_SPACE(AUX.size))
                except (BlockingIOError, InterruptedError):
                    break
                except OSError:
                    break
                if addr[2] == socket.PACKET_OUTGOING:
                    continue  # our own transmissions
                tag = None
                partial = False
                for level, typ, data in anc:
                    if level == SOL_PACKET and typ == PACKET_AUXDATA and len(data) >= AUX.size:
                        status, _l, _s, _m, _n, tci, _tpid = AUX.unpack(data[: AUX.size])
                        if status & TP_STATUS_VLAN_VALID:
                            tag = tci & 0x0FFF
                        partial = bool(status & TP_STATUS_CSUMNOTREADY)
                if tag is None and len(frame) >= 18 and frame[12:14] == b"\x81\x00":
                    tag = struct.unpack("!H", frame[14:16])[0] & 0x0FFF
                    frame = frame[:12] + frame[16:]
                p = ports.get(name)
                if not p or len(frame) < 14:
                    continue
                if partial:
                    frame = fix_checksum(frame)
                vlan = ingress_vlan(p, tag)
                if vlan is None:
                    continue
                dst, src = frame[0:6], frame[6:12]
                macs[(vlan, src)] = (name, now)
                out = macs.get((vlan, dst))
                targets = [out[0]] if out and not (dst[0] & 1) and now - out[1] < 300 else [n for n in ports if n != name]
                for t in targets:
                    if t == name:
                        continue
                    tp = ports.get(t)
                    ts = socks.get(t)
                    if not tp or not ts or not carries(tp, vlan):
                        continue
                    try:
                        ts.send(egress_frame(tp, vlan, frame))
                    except OSError:
                        pass  # port down


if __name__ == "__main__":
    main()
