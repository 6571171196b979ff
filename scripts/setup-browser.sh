#!/usr/bin/env bash
# Headless Chromium for the report tests (browser check, screenshots) and PDF export.
# Only for test set-up: idempotent, does nothing when a chromium is already on PATH.
# Installing needs root (apt); without root it says what to run and does not fail the build:
# the browser tests then skip with the same hint.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "setup-browser: chromium ontbreekt; installeer het met: sudo apt-get install -y chromium" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-browser: chromium ontbreekt en apt-get is er niet; installeer Chromium of zet STEMMEN_CHROMIUM" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q chromium  # with recommends: fonts for the reports
