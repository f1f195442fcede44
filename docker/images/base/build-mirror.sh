#!/bin/sh
# Build time (base image): the lab's local package mirror, the stand-in for a school's apt mirror.
# Lab containers have no internet; `apt-get update/install/upgrade` work against this mirror.
#
#   /var/local/proeflab-mirror/debian    the Debian packages given as arguments, with every dependency
#                                        and recommend the image does not have yet (Release: Debian 12)
#   /var/local/proeflab-mirror/security  proeflab-lab-agent 1.1 (Release: Debian-Security, like
#                                        bookworm-security); the image has 1.0 installed, so a fresh
#                                        container has exactly one pending security update until the
#                                        candidate runs `apt-get update && apt-get upgrade`
#
# Afterwards the image's apt sources point only at the mirror (/etc/apt/sources.list); the Debian
# network sources move to /usr/local/lib/proeflab/apt-network.d for the images built FROM this one
# (see apt-network). Runs with the network sources still in place: `build-mirror.sh git logrotate …`.
set -eu
MIRROR=/var/local/proeflab-mirror
NET=/usr/local/lib/proeflab/apt-network.d

apt-get update -qq
# The installed packages must be current, or the mirror could hold newer versions of them (as
# dependencies) and a fresh container would show more pending updates than the agent.
apt-get -y -qq upgrade

# 1. Debian packages: whatever installing them all would download here.
mkdir -p "$MIRROR/debian/partial"
apt-get install -y -qq --download-only -o Dir::Cache::archives="$MIRROR/debian" "$@" >/dev/null
rm -rf "$MIRROR/debian/partial" "$MIRROR/debian/lock"
# File names as in Debian's pool: without the epoch (apt stores it as %3a, which a file: URI decodes).
for f in "$MIRROR"/debian/*%3a*.deb; do
  if [ -e "$f" ]; then mv "$f" "$MIRROR/debian/$(basename "$f" | sed 's/_[0-9]*%3a/_/')"; fi
done

# 2. The stand-in package with a pending update: 1.0 installed, 1.1 in the mirror.
agent() {
  d=$(mktemp -d)
  mkdir -p "$d/DEBIAN" "$d/usr/share/proeflab-lab-agent"
  echo "$1" > "$d/usr/share/proeflab-lab-agent/version"
  cat > "$d/DEBIAN/control" <<C
Package: proeflab-lab-agent
Version: $1
Architecture: all
Maintainer: proeflab <beheer@lab.test>
Section: admin
Priority: optional
Installed-Size: 4
Description: proeflab lab agent (stand-in package)
 A placeholder package of the proeflab stand-in lab. The lab's package mirror
 carries a newer version as a security update, so a freshly started lab
 machine has one pending update until it is brought up to date.
C
  dpkg-deb --root-owner-group -Zxz --build "$d" "$2" >/dev/null
  rm -rf "$d"
}
agent 1.0 /tmp/proeflab-lab-agent_1.0_all.deb
dpkg -i /tmp/proeflab-lab-agent_1.0_all.deb >/dev/null
rm /tmp/proeflab-lab-agent_1.0_all.deb
mkdir -p "$MIRROR/security"
agent 1.1 "$MIRROR/security/proeflab-lab-agent_1.1_all.deb"

# 3. Flat repositories with a Release file: its Label/Suite is what `apt-get -s upgrade` prints as the
#    source of an update, and what the linux.updates check (and unattended-upgrades) call security.
index() {
  dir=$1 label=$2 suite=$3 codename=$4
  cd "$dir"
  apt-ftparchive packages . > Packages
  gzip -9nk Packages
  apt-ftparchive -o APT::FTPArchive::Release::Origin=Debian -o APT::FTPArchive::Release::Label="$label" \
    -o APT::FTPArchive::Release::Suite="$suite" -o APT::FTPArchive::Release::Codename="$codename" \
    -o APT::FTPArchive::Release::Version=12 -o APT::FTPArchive::Release::Architectures="amd64 arm64 all" \
    -o APT::FTPArchive::Release::Description="proeflab lab mirror" release . > /tmp/Release
  mv /tmp/Release Release
  cd /
}
index "$MIRROR/debian" Debian stable bookworm
index "$MIRROR/security" Debian-Security stable-security bookworm-security

# 4. Sources: only the mirror.
mkdir -p "$NET/sources.list.d"
if [ -f /etc/apt/sources.list ]; then mv /etc/apt/sources.list "$NET/sources.list"; else : > "$NET/sources.list"; fi
find /etc/apt/sources.list.d -mindepth 1 -maxdepth 1 -exec mv {} "$NET/sources.list.d/" \;
cat > /etc/apt/sources.list <<S
# The lab's package mirror (the stand-in for the school's apt mirror; the lab has no internet).
deb [trusted=yes] file:$MIRROR/debian ./
deb [trusted=yes] file:$MIRROR/security ./
S
rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin
apt-get update -qq
apt-get clean
