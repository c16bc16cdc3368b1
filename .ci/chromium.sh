# Source this file (bash) to get headless Chromium for eventwire's dashboard browser test:
#     . .ci/chromium.sh    # installs Debian's chromium + chromium-driver when missing (needs root)
#     pytest tests/serve
# Without root and without Chromium, it says so and the browser test skips. Safe to source twice.

_eventwire_chromium_log() { echo "chromium.sh: $*" >&2; }

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    _eventwire_chromium_log "ready: $(/usr/bin/chromium --version 2>/dev/null)"
elif [ "$(id -u)" = "0" ]; then
    _eventwire_chromium_log "installing chromium and chromium-driver"
    if DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >&2; then
        _eventwire_chromium_log "ready: $(/usr/bin/chromium --version 2>/dev/null)"
    else
        _eventwire_chromium_log "apt-get install chromium chromium-driver failed; the browser test will skip"
    fi
else
    _eventwire_chromium_log "not root and no /usr/bin/chromium: the dashboard browser test will skip"
fi
true
