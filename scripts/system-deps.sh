#!/bin/sh
# The system packages the tests need: Chromium (browser tests), nginx (the browser tests serve the
# site with deploy/nginx.conf; nginx-light is enough, with Debian's brotli_static module for the
# .br copies), Varnish (the cache in front, deploy/varnish/), wrk (invoke loadtest), fonts with Arabic glyphs (screenshots), a
# Java runtime (the Nu HTML checker), rsync (invoke publish uploads with it), newsboat (a real
# feed reader opens the feeds), Go and golang.org/x/mod (an independent verifier of the log),
# Tesseract with its Arabic data (the tests read the Arabic of the share images back). Installed
# when missing and we are root; otherwise named, so that
# a developer can install them. node and npm install the checkers of package-lock.json (the
# current Nu HTML checker and axe-core, see the Makefile); the checker runs on the Java runtime.
# With --build, only what the build itself needs: ICU's headers, pkg-config and a C++
# compiler, to compile PyICU (the collation of lists; PyPI has no wheel); libraqm (Pillow's
# wheel loads it to shape Arabic on the share images: without it, letters come out unjoined) and
# the site's fonts, Noto Naskh Arabic and Noto Sans (drawn on the share images).
set -eu
missing=""
pkg-config --exists icu-uc 2>/dev/null || missing="$missing libicu-dev pkg-config"
command -v c++ >/dev/null 2>&1 || missing="$missing g++"
ls /usr/lib/*/libraqm.so.0 >/dev/null 2>&1 || missing="$missing libraqm0"
fc-list 2>/dev/null | grep -q "NotoNaskhArabic-Regular" || missing="$missing fonts-noto-core"
if [ "${1:-}" != "--build" ]; then
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
# /usr/sbin is not on every user's PATH.
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx-light"
[ -e /usr/share/nginx/modules-available/mod-http-brotli-static.conf ] || missing="$missing libnginx-mod-http-brotli-static"
command -v varnishd >/dev/null 2>&1 || [ -x /usr/sbin/varnishd ] || missing="$missing varnish"
command -v wrk >/dev/null 2>&1 || missing="$missing wrk"
command -v rsync >/dev/null 2>&1 || missing="$missing rsync"
command -v newsboat >/dev/null 2>&1 || missing="$missing newsboat"
# The transparency log's independent verifier (tests/go): Go and golang.org/x/mod, built offline.
command -v go >/dev/null 2>&1 || missing="$missing golang-go"
[ -d /usr/share/gocode/src/golang.org/x/mod/sumdb ] || missing="$missing golang-golang-x-mod-dev"
fc-list 2>/dev/null | grep -q "DejaVuSans" || missing="$missing fonts-dejavu-core"
command -v tesseract >/dev/null 2>&1 || missing="$missing tesseract-ocr"
tesseract --list-langs 2>/dev/null | grep -qx "ara" || missing="$missing tesseract-ocr-ara"
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
    echo "The tests need these system packages:$missing" >&2
    echo "Install them (Debian/Ubuntu: sudo apt-get install$missing) and run make test again." >&2
    exit 1
fi
