"""Drive the simulated IOS device with Debian's netmiko (a client no one here wrote).

Usage: netmiko_client.py <device_type> <port> <username> <password> <secret>
Prints one JSON object with what netmiko saw.
"""
import json
import sys

from netmiko import ConnectHandler

device_type, port, username, password, secret = sys.argv[1:6]
conn = ConnectHandler(
    device_type=device_type,
    host="127.0.0.1",
    port=int(port),
    username=username,
    password=password,
    secret=secret,
    timeout=20,
)
out = {"prompt_before_enable": conn.find_prompt()}
conn.enable()
out["prompt"] = conn.find_prompt()
out["check_enable"] = conn.check_enable_mode()
out["version"] = conn.send_command("show version")
out["config"] = conn.send_config_set(
    ["vlan 30", "name Netmiko", "interface fa0/7", "switchport mode access", "switchport access vlan 30"]
)
out["vlan"] = conn.send_command("show vlan brief")
out["invalid"] = conn.send_command("show vlan bogus")
out["save"] = conn.save_config()
out["run_int"] = conn.send_command("show running-config interface FastEthernet0/7")
conn.disconnect()
print(json.dumps(out))
