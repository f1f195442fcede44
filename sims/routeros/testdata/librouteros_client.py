# Drive the simulated RouterOS with Debian's python3-librouteros (a client no one here wrote).
# Usage: /usr/bin/python3 librouteros_client.py HOST PORT USER PASSWORD
# Prints one JSON object with what it saw; exits 0 on success, 2 on a login failure.
import json
import sys

import librouteros
from librouteros.exceptions import TrapError
from librouteros.query import Key

host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
try:
    api = librouteros.connect(host=host, username=user, password=password, port=port, timeout=10)
except TrapError as e:
    print(json.dumps({"login": "refused", "message": str(e)}))
    sys.exit(2)
out = {"login": "ok"}
addresses = api.path("ip", "address")
new_id = addresses.add(address="10.9.8.1/24", interface="ether2", comment="via librouteros")
out["added"] = new_id
out["selected"] = [dict(r) for r in addresses.select(Key(".id"), Key("address"), Key("interface")).where(Key("interface") == "ether2")]
addresses.update(**{".id": new_id, "comment": "changed"})
out["after_update"] = [dict(r) for r in addresses if r[".id"] == new_id]
identity = list(api.path("system", "identity"))
out["identity"] = identity[0]["name"]
try:
    tuple(api.path("ip", "address")("add", address="10.9.8.1/24", interface="nonexistent"))
    out["trap"] = None
except TrapError as e:
    out["trap"] = str(e)
addresses.remove(new_id)
out["after_remove"] = [dict(r) for r in addresses]
api.close()
print(json.dumps(out, default=str))
