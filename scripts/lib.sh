# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Shared helpers for the kernel and VM tooling. Source, do not run.

# shellcheck disable=SC2034 # used by the scripts that source this file
RNT_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The kernel cache lives outside the repository so fresh clones reuse it.
# Not under /var/cache: the virtme-ng guest mounts a tmpfs over it.
RNT_CACHE=${RNT_CACHE:-/var/lib/rtnl_net_trace}
# Private apt state: extra suites are added here, never to /etc/apt.
RNT_APT=$RNT_CACHE/apt

# A script that runs under `set -e` says why it stopped: the script, the
# line and the command that failed, never a bare make "Error 2".
rnt_err_trap() {
	echo "$(basename "$0"): line $2: '$3' failed with exit status $1" >&2
}
if [[ $- == *e* ]]; then
	set -E
	trap 'rnt_err_trap "$?" "$LINENO" "$BASH_COMMAND"' ERR
fi

die() { echo "$(basename "$0"): $*" >&2; exit 1; }
log() { echo "$(basename "$0"): $*" >&2; }

# Run as root, or through sudo when there is one.
as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# The mirror URI the machine's own apt sources use for the main archive.
apt_mirror_uri() {
	local f uri
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		uri=$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' "$f")
		[ -n "$uri" ] && { echo "$uri"; return; }
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -r "$f" ] || continue
		uri=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) { print $i; exit } }' "$f")
		[ -n "$uri" ] && { echo "$uri"; return; }
	done
	return 1
}

# apt-get against a private state directory that knows the given extra
# suites (e.g. trixie-backports, sid) on top of nothing else.
apt_private() {
	local uri
	uri=$(apt_mirror_uri) || die "no Debian mirror found in /etc/apt sources"
	mkdir -p "$RNT_APT"/{lists/partial,cache/archives/partial,etc/preferences.d}
	cat > "$RNT_APT/etc/sources.list" <<-SRC
	deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri trixie-backports main
	deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri trixie main
	deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri sid main
	SRC
	apt-get -q \
		-o Dir::State="$RNT_APT" -o Dir::State::Lists="$RNT_APT/lists" \
		-o Dir::Cache="$RNT_APT/cache" \
		-o Dir::Etc::SourceList="$RNT_APT/etc/sources.list" \
		-o Dir::Etc::SourceParts=/nonexistent \
		-o Dir::Etc::PreferencesParts="$RNT_APT/etc/preferences.d" \
		-o Dir::State::status=/var/lib/dpkg/status \
		-o Acquire::Check-Valid-Until=false \
		-o APT::Get::AllowUnauthenticated=false \
		"$@"
}

# apt-get, run as root, downloads as the unprivileged _apt user: hand it
# the directory (and it needs to reach it), or apt prints "Download is
# performed unsandboxed as root" and does the download as root.
apt_sandbox_dir() {
	if [ "$(id -u)" = 0 ] && id -u _apt >/dev/null 2>&1; then
		chown _apt "$1"
	fi
}

# Refresh the private suites' package lists when they are older than a day
# (or missing, as on a fresh machine).
apt_private_update() {
	local stamp=$RNT_APT/lists/.updated
	if [ ! -e "$stamp" ] || [ -n "$(find "$stamp" -mmin +1440)" ]; then
		apt_private update >&2 || die "apt update of private suites failed"
		touch "$stamp"
	fi
}

# Download a package's .deb from the private suites into the current dir,
# which apt_sandbox_dir has handed to _apt.
apt_private_download() {
	apt_private_update
	apt_private download "$1" >&2 || die "cannot download $1"
}

# virtme-ng is Architecture: all and only in newer suites: fetch it from
# the private apt state and install it with its bookworm dependencies.
# The arguments go to apt-get install: -y installs; the cold-path test
# adds --download-only.
vng_install() {
	local tmp rc=0
	tmp=$(mktemp -d)
	chmod 755 "$tmp"
	apt_sandbox_dir "$tmp"
	if (cd "$tmp" && apt_private_download virtme-ng); then
		chmod 644 "$tmp"/*.deb
		DEBIAN_FRONTEND=noninteractive as_root apt-get -q \
			--no-install-recommends install "$@" "$tmp"/virtme-ng_*.deb || rc=$?
	else
		rc=1
	fi
	rm -rf "$tmp"
	return $rc
}
