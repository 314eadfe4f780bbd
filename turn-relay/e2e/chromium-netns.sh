#!/usr/bin/env bash
# Playwright's executablePath: Debian's Chromium inside the network namespace named by SZ_NETNS.
# The browser's pipe file descriptors pass through `ip netns exec` unchanged.
exec ip netns exec "${SZ_NETNS:?SZ_NETNS not set}" /usr/bin/chromium "$@"
