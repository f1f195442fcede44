#!/bin/sh
# srv1, dc1, db1, snmp1 share one image; LAB_ROLE picks what runs.
. /usr/local/lib/proeflab/lab-common.sh

srv1() {
  setup_lan || exit 1
  ip addr add "$LAB_ADDRESS" dev lan0
  ip route add default via "$LAB_GATEWAY" dev lan0 2>/dev/null || true
  setup_user
  # rsyslog (no kernel log in a container) and cron with a nightly backup job.
  sed -i 's/^module(load="imklog"/#&/' /etc/rsyslog.conf
  rsyslogd
  mkdir -p /srv/backup /srv/www
  cat > /etc/cron.d/lab-backup <<'C'
# Nightly backup of the web root and configuration (the backup location is /srv/backup).
30 2 * * * root tar -czf /srv/backup/srv1-$(date +\%F).tar.gz /etc/nginx /etc/dnsmasq.d /srv/www 2>/dev/null
C
  cron
  # Web server.
  echo "<h1>srv1</h1><p>Welkom op het intranet van het examenlab.</p>" > /var/www/html/index.html
  nginx
  # DNS + DHCP: zone lab.test, leases for VLAN 10 (direct) and VLAN 20 (through a DHCP relay).
  cat > /etc/dnsmasq.d/lab.conf <<'D'
interface=lan0
interface=eth0
bind-dynamic
domain=lab.test
local=/lab.test/
expand-hosts
no-resolv
# Not the engine-written /etc/hosts (it lists the management addresses).
no-hosts
host-record=srv1.lab.test,srv1,192.168.10.10
cname=www.lab.test,srv1.lab.test
dhcp-authoritative
dhcp-range=set:v10,192.168.10.100,192.168.10.199,255.255.255.0,1h
dhcp-option=tag:v10,option:router,192.168.10.1
dhcp-range=set:v20,192.168.20.100,192.168.20.199,255.255.255.0,1h
dhcp-option=tag:v20,option:router,192.168.20.1
dhcp-option=option:dns-server,192.168.10.10
dhcp-leasefile=/var/lib/misc/dnsmasq.leases
log-dhcp
D
  # dnsmasq must answer on the management interface too (published DNS port), whichever name it has.
  mgmt=$(ip -o -4 route show | awk '/10\.213\.0\./ {print $3; exit}')
  [ -n "$mgmt" ] && sed -i "s/^interface=eth0$/interface=$mgmt/" /etc/dnsmasq.d/lab.conf
  dnsmasq --conf-dir=/etc/dnsmasq.d
  # SNMP agent: the lab's community and the lab's monitoring user (SNMPv3, SHA/AES). The user lives
  # in snmpd's persistent store, so a candidate who rewrites snmpd.conf keeps it by keeping
  # `rouser proeflab priv` (the monitoring server must keep working).
  mkdir -p /var/lib/snmp
  if [ -n "$SNMPV3_AUTH_KEY" ] && [ -n "$SNMPV3_PRIV_KEY" ]; then
    echo "createUser proeflab SHA \"$SNMPV3_AUTH_KEY\" AES \"$SNMPV3_PRIV_KEY\"" >> /var/lib/snmp/snmpd.conf
  fi
  cat > /etc/snmp/snmpd.conf <<S
agentAddress udp:161
rocommunity $SNMP_COMMUNITY default
rouser proeflab priv
sysLocation Examenlokaal (proeflab)
sysContact beheer@lab.test
sysName srv1
S
  snmpd -Lsd -p /run/snmpd.pid
  ready
}

dc1() {
  if [ ! -f /var/lib/samba/private/sam.ldb ]; then
    rm -f /etc/samba/smb.conf
    samba-tool domain provision --realm="$LAB_REALM" --domain="$LAB_DOMAIN" --server-role=dc \
      --dns-backend=SAMBA_INTERNAL --adminpass="$LAB_PASSWORD" --use-rfc2307 \
      --option="dns forwarder = 127.0.0.1" --option="ldap server require strong auth = no" >/tmp/provision.log 2>&1 \
      || { cat /tmp/provision.log >&2; exit 1; }
    samba-tool user create student "$LAB_PASSWORD" >/dev/null 2>&1 || true
    samba-tool group add ICT-Beheer >/dev/null 2>&1 || true
  else
    # Domain kept from an earlier run (volume): the password follows docker/.env.
    samba-tool user setpassword Administrator --newpassword="$LAB_PASSWORD" >/dev/null 2>&1 || true
  fi
  samba --no-process-group -F &
  for i in $(seq 60); do
    smbclient -N -L localhost >/dev/null 2>&1 && break
    sleep 1
  done
  ready
  wait
}

db1() {
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
  [ -d /var/lib/mysql/mysql ] || mariadb-install-db --user=mysql >/dev/null
  mariadbd --user=mysql --bind-address=0.0.0.0 --skip-name-resolve &
  for i in $(seq 60); do mariadb -e 'select 1' >/dev/null 2>&1 && break; sleep 0.5; done
  mariadb <<SQL
CREATE DATABASE IF NOT EXISTS examen;
CREATE USER IF NOT EXISTS '$LAB_USER'@'%' IDENTIFIED BY '$LAB_PASSWORD';
GRANT ALL ON examen.* TO '$LAB_USER'@'%';
CREATE TABLE IF NOT EXISTS examen.klanten (id INT PRIMARY KEY AUTO_INCREMENT, naam VARCHAR(80));
FLUSH PRIVILEGES;
SQL
  ready
  wait
}

snmp1() {
  mkdir -p /tmp/snmpsim && chown nobody:nogroup /tmp/snmpsim
  snmpsimd --data-dir=/usr/share/proeflab/snmprec --cache-dir=/tmp/snmpsim \
    --agent-udpv4-endpoint=0.0.0.0:161 --process-user=nobody --process-group=nogroup &
  pid=$!
  for i in $(seq 60); do ss -uln | grep -q ':161 ' && break; kill -0 $pid 2>/dev/null || exit 1; sleep 0.5; done
  ready
  wait $pid
}

case "$LAB_ROLE" in
  srv1) srv1; exec sleep infinity ;;
  dc1) dc1 ;;
  db1) db1 ;;
  snmp1) snmp1 ;;
  *) log "unknown LAB_ROLE $LAB_ROLE"; exit 1 ;;
esac
