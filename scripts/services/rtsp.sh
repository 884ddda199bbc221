#!/usr/bin/env bash
# GStreamer's RTSP server from Debian's packages, for the live-source (RTSP reconnect)
# tests. Nothing runs as a daemon: each test starts scripts/services/rtsp-server.py itself
# so it can stop and restart the camera mid-stream. install is idempotent (a no-op once
# the Python bindings import); start only checks that they do.
# Usage: rtsp.sh install|start|stop|status
source "$(dirname "${BASH_SOURCE[0]}")/lifecycle.sh"

NAME=rtsp
LOG="$SERVICES_DIR/rtsp-check.log"
PACKAGES=(python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-rtsp gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly)

answers() {
  /usr/bin/python3 -c '
import gi
gi.require_version("Gst", "1.0"); gi.require_version("GstRtspServer", "1.0")
from gi.repository import Gst, GstRtspServer
Gst.init(None)
missing = [e for e in ("videotestsrc", "x264enc", "rtph264pay") if Gst.ElementFactory.find(e) is None]
assert not missing, "missing GStreamer elements: %s" % missing
' >"$LOG" 2>&1
}

install() { [[ -x /usr/bin/python3 ]] && answers || apt_install python3 "${PACKAGES[@]}"; }
start() { answers || fail "$NAME" "$LOG" "GStreamer's RTSP server (python3-gi, GstRtspServer, x264enc) is not usable"; }
stop() { :; }
status() { answers; }

"${1:?usage: rtsp.sh install|start|stop|status}"
