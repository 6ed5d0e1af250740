#!/usr/bin/env bash
# Creates (or reuses) the Debian trixie root that holds Swift 6 on these Debian 12 machines
# (see docs/toolchains: trixie's `swiftlang` needs a newer C library than bookworm has).
#
#   ./scripts/swift-root.sh                 # ensure the root exists and `swift --version` works
#   ./scripts/swift-root.sh run CMD ARGS..  # ensure it, then run CMD inside it with /proc mounted
#   ./scripts/swift-root.sh path            # print the root's path
#
# HAMRAH_SWIFT_ROOT (default /var/tmp/hamrah-swift-rootfs) sets where the root lives; it is kept
# between runs, so only the first run downloads (~540 MB) and installs.
# HAMRAH_DEBIAN_MIRROR (default http://deb.debian.org/debian) sets the mirror.
#
# The host's own apt is never pointed at trixie. Runs as root, or through sudo when not root.
# /proc is mounted inside the root only while needed (swiftc finds its runtime through
# /proc/self/exe) and unmounted on every exit path. A lock file serialises concurrent runs.
set -euo pipefail

root_dir="${HAMRAH_SWIFT_ROOT:-/var/tmp/hamrah-swift-rootfs}"
mirror="${HAMRAH_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
lock_file="${root_dir}.lock"
bootstrapped_marker="${root_dir}/.hamrah-debootstrap-done"
swift_marker="${root_dir}/.hamrah-swift-installed"

say() { printf '[swift-root] %s\n' "$*" >&2; }

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    else
        sudo "$@"
    fi
}

proc_mounted_by_us=0

# Called with the lock held: a /proc already mounted is a killed run's leftover, so it is
# adopted and unmounted at the end too.
mount_proc() {
    if ! mountpoint -q "${root_dir}/proc"; then
        as_root mount -t proc proc "${root_dir}/proc"
    fi
    proc_mounted_by_us=1
}

unmount_proc() {
    if [ "${proc_mounted_by_us}" -eq 1 ] && mountpoint -q "${root_dir}/proc"; then
        as_root umount "${root_dir}/proc" || as_root umount -l "${root_dir}/proc" || true
    fi
    proc_mounted_by_us=0
}

in_root() {
    as_root chroot "${root_dir}" env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
        HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}

ensure_debootstrap() {
    if ! command -v debootstrap >/dev/null 2>&1 && [ ! -x /usr/sbin/debootstrap ]; then
        say "installing debootstrap on the host"
        as_root apt-get install -y debootstrap >/dev/null ||
            { as_root apt-get update >/dev/null && as_root apt-get install -y debootstrap >/dev/null; }
    fi
}

bootstrap_root() {
    if [ -e "${bootstrapped_marker}" ]; then
        return
    fi
    if [ -e "${root_dir}" ]; then
        # A previous debootstrap stopped half-way; it cannot be resumed reliably.
        if mountpoint -q "${root_dir}/proc"; then
            as_root umount -l "${root_dir}/proc"
        fi
        say "removing the half-made root ${root_dir}"
        as_root rm -rf --one-file-system "${root_dir}"
    fi
    ensure_debootstrap
    say "debootstrap trixie into ${root_dir} (first run only)"
    as_root debootstrap --variant=minbase trixie "${root_dir}" "${mirror}" >/dev/null
    as_root touch "${bootstrapped_marker}"
}

# Swift 6 (with XCTest and Swift Testing); curl: the Swift tests reach the sandbox bank's
# QA admin API through it, pinned to the bank's key (Foundation on Linux cannot pin); OpenSSL:
# the tests' desktop DeviceSigner signs with P-256 through it (no CryptoKit on Linux).
root_packages=(swiftlang curl libssl-dev)

install_swift() {
    as_root cp /etc/resolv.conf "${root_dir}/etc/resolv.conf"
    if [ -e "${swift_marker}" ] && in_root swift --version >/dev/null 2>&1 &&
        in_root curl --version >/dev/null 2>&1 && [ -e "${root_dir}/usr/include/openssl/ec.h" ]; then
        return
    fi
    say "installing ${root_packages[*]} inside the root (first run only)"
    in_root apt-get update >/dev/null
    in_root apt-get install -y "${root_packages[@]}" >/dev/null
    # The downloaded packages (~600 MB) are not needed once installed.
    in_root apt-get clean
    in_root swift --version >&2
    as_root touch "${swift_marker}"
}

ensure_root() {
    bootstrap_root
    mount_proc
    install_swift
}

main() {
    local command="${1:-ensure}"
    case "${command}" in
        path)
            printf '%s\n' "${root_dir}"
            return
            ;;
        ensure | run) ;;
        *)
            say "unknown command ${command}; use: ensure | run CMD.. | path"
            return 2
            ;;
    esac
    as_root mkdir -p "$(dirname "${root_dir}")"
    exec 9>"${lock_file}"
    flock 9
    trap unmount_proc EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    ensure_root
    if [ "${command}" = run ]; then
        shift
        in_root "$@"
    else
        in_root swift --version | head -n 1 >&2
    fi
}

main "$@"
