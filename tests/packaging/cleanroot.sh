# SPDX-FileCopyrightText: 2026 The Chorus authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Clean Debian 13 roots for the package tests. Sourced, never run.
# A root is made the way scripts/setup makes the build root (debootstrap --variant=minbase
# trixie, from the first Debian mirror in this system's apt sources) but without build tools.
# The debootstrap'ed minbase is cached as a tarball keyed by its recipe; every test unpacks a
# fresh copy, so nothing one run installs is seen by the next. Everything that mounts runs in a
# private mount namespace (unshare --mount), so no mount outlives its command, and a tree is
# deleted only after /proc/self/mountinfo shows nothing mounted inside it.

CLEANROOT_RECIPE=1 # bump when the way the minbase is made changes

cleanroot_mirror() {
    local m
    m=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources \
        2>/dev/null | grep -oE '(https?://[^ ]+/debian)/?( |$)' | grep -v security | head -n1 | tr -d ' ') || true
    echo "${m%/}"
}

# cleanroot_unshare DIR CMD...: runs CMD in a new mount namespace in which the mount that holds
# DIR is private, so nothing CMD mounts under DIR is seen outside or outlives CMD. (Inside a
# chroot, such as the build root, `unshare --propagation private` fails: / is no mount point.)
cleanroot_unshare() {
    local dir=$1
    shift
    unshare --mount --propagation unchanged -- bash -c '
        mount --make-rprivate "$(findmnt -n -o TARGET -T "$1")" || exit 1
        shift
        exec "$@"
    ' _ "$dir" "$@"
}

# cleanroot_remove DIR: deletes DIR unless something is mounted in it.
cleanroot_remove() {
    local dir
    dir=$(realpath -m "$1")
    [ -e "$dir" ] || return 0
    if awk '{print $5}' /proc/self/mountinfo | grep -q "^$dir\(/\|$\)"; then
        echo "cleanroot: $dir has mounts, refusing to delete it" >&2
        return 1
    fi
    rm -rf --one-file-system "$dir"
}

# cleanroot_minbase WORKDIR: prints the path of the cached minbase tarball, making it first.
cleanroot_minbase() {
    local work=$1 mirror key tarball partial
    mirror=$(cleanroot_mirror)
    key=$(printf 'trixie minbase %s %s\n' "$mirror" "$CLEANROOT_RECIPE" | sha256sum | cut -c1-12)
    tarball=$work/minbase-$key.tar
    if [ ! -f "$tarball" ]; then
        partial=$work/minbase.partial
        cleanroot_remove "$partial" || return 1
        echo "cleanroot: debootstrap --variant=minbase trixie ${mirror:-(default mirror)}" >&2
        # debootstrap mounts /proc and /sys in the target while it runs: in a private mount
        # namespace those mounts cannot outlive it, even when it fails half-way.
        mkdir -p "$partial"
        if ! cleanroot_unshare "$partial" timeout 600 \
            debootstrap --variant=minbase trixie "$partial" ${mirror:+"$mirror"} \
            >"$work/debootstrap.log" 2>&1; then
            tail -20 "$work/debootstrap.log" >&2
            return 1
        fi
        tar -C "$partial" --numeric-owner -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
        cleanroot_remove "$partial" || return 1
        # Older minbases of another recipe or mirror.
        find "$work" -maxdepth 1 -name 'minbase-*.tar' ! -name "minbase-$key.tar" -delete
    fi
    echo "$tarball"
}

# cleanroot_fresh WORKDIR ROOT: a fresh root at ROOT from the cached minbase.
cleanroot_fresh() {
    local work=$1 root=$2 tarball
    tarball=$(cleanroot_minbase "$work") || return 1
    cleanroot_remove "$root" || return 1
    mkdir -p "$root"
    tar -C "$root" --numeric-owner -xf "$tarball"
    cp /etc/resolv.conf "$root/etc/resolv.conf"
}

# cleanroot_run ROOT ARCHIVES SCRIPT [ARGS...]: runs the bash SCRIPT in a private mount
# namespace in which ROOT has /proc, /dev, a tmpfs /tmp and ARCHIVES (a cache of downloaded
# .debs) as /var/cache/apt/archives. SCRIPT runs OUTSIDE the root (it may start Node on this
# side); it calls `inroot CMD...` to run CMD inside ROOT, with a minimal environment.
cleanroot_run() {
    local root=$1 archives=$2 script=$3
    shift 3
    mkdir -p "$archives/partial"
    cleanroot_unshare "$root" bash -c '
        set -euo pipefail
        root=$1 archives=$2 script=$3; shift 3
        mount -t proc proc "$root/proc"
        mount --rbind /dev "$root/dev"
        mount -t tmpfs tmpfs "$root/tmp"
        mount --bind "$archives" "$root/var/cache/apt/archives"
        inroot() {
            chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
                LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
        }
        export -f inroot
        export root
        bash -euo pipefail -c "$script" _ "$@"
    ' _ "$root" "$archives" "$script" "$@"
}
