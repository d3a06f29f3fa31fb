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

# The private apt state of the machine's own release and its backports
# (bookworm-backports on bookworm), for the packages whose version in the
# release is too old for us: sets the array bpo_opts of apt-get options.
apt_backports_opts() {
	local uri dir=$RNT_CACHE/apt-bpo
	uri=$(apt_mirror_uri) || die "no Debian mirror found in /etc/apt sources"
	bpo_suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
	mkdir -p "$dir"/{lists/partial,cache/archives/partial,etc/preferences.d}
	apt_sandbox_dir "$dir/lists/partial"
	apt_sandbox_dir "$dir/cache/archives/partial"
	cat > "$dir/etc/sources.list" <<-SRC
	deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri $bpo_suite main
	deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri $bpo_suite-updates main
	deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri $bpo_suite-backports main
	SRC
	bpo_opts=(-q -o Dir::State="$dir" -o Dir::State::Lists="$dir/lists"
		-o Dir::Cache="$dir/cache"
		-o Dir::Etc::SourceList="$dir/etc/sources.list"
		-o Dir::Etc::SourceParts=/nonexistent
		-o Dir::Etc::PreferencesParts="$dir/etc/preferences.d"
		-o Dir::State::status=/var/lib/dpkg/status
		-o Acquire::Check-Valid-Until=false
		-o APT::Get::AllowUnauthenticated=false)
}

# QEMU 8.1 or newer: 7.2's multi-threaded TCG can translate a block from
# the int3 bytes that ftrace is writing over a probed function's entry on
# another vCPU, and the guest dies with "Oops: int3" (fixed upstream by
# "accel/tcg: Always lock pages before translation", 8.1.0). Bookworm has
# 7.2; bookworm-backports has 10.0.
qemu_new_enough() {
	local v
	v=$(dpkg-query -W -f='${Version}' qemu-system-x86 2>/dev/null) || return 1
	dpkg --compare-versions "$v" ge 1:8.1
}

# qemu_backports_install [APT-ARGS...]: install QEMU from backports when the
# installed one is older than 8.1. The arguments go to apt-get install: the
# cold-path test adds --download-only and a dpkg status without QEMU, and
# then the version check is its own.
qemu_backports_install() {
	local bpo_opts bpo_suite
	[ $# = 0 ] && qemu_new_enough && return 0
	apt_backports_opts
	log "installing qemu-system-x86 from $bpo_suite-backports (QEMU 8.1 or newer)"
	as_root apt-get "${bpo_opts[@]}" update >/dev/null ||
		die "apt update of $bpo_suite-backports failed"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get "${bpo_opts[@]}" -y \
		-t "$bpo_suite-backports" --no-install-recommends \
		install "$@" qemu-system-x86 ||
		die "qemu-system-x86 from $bpo_suite-backports did not install"
	[ $# != 0 ] || qemu_new_enough || die "qemu-system-x86 is still older than 8.1"
}

# The QEMU version vm-run uses, as "10.0.2 (Debian ...)".
qemu_version() {
	qemu-system-x86_64 --version 2>/dev/null |
		sed -n '1s/^QEMU emulator version //p'
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
