#!/usr/bin/env bash
# The browser tests drive Debian's chromium through playwright (its own browser download
# cannot work offline). Install chromium when it is missing and we may (root); otherwise
# the browser tests skip with a reason.
set -u
# fonts-noto-cjk makes Chinese legible in the screenshots the tests save.
missing=""
command -v chromium >/dev/null 2>&1 || missing="chromium"
[ -d /usr/share/fonts/opentype/noto ] || missing="$missing fonts-noto-cjk"
if [ -z "$missing" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian $missing for the browser tests" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null \
    || echo "warning: could not install $missing; browser tests may be skipped" >&2
else
  echo "warning: chromium is missing and we are not root; browser tests will be skipped" >&2
fi
exit 0
