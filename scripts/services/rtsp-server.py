"""A real RTSP server for the live-source tests: GStreamer's RTSP server (Debian's
gir1.2-gst-rtsp-server-1.0) serving a generated test picture, H.264 over RTP, at
rtsp://127.0.0.1:PORT/cam. Runs under Debian's /usr/bin/python3 (python3-gi).

    /usr/bin/python3 scripts/services/rtsp-server.py --port 18554 [--width 640 --height 360 --fps 25]

It prints "ready" once it listens and serves until killed (SIGTERM/SIGINT).
"""
import argparse
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=18554)
    parser.add_argument("--width", type=int, default=640)
    parser.add_argument("--height", type=int, default=360)
    parser.add_argument("--fps", type=int, default=25)
    parser.add_argument("--file", help="serve this MP4's H.264 once, at its own pace, instead of the test picture")
    args = parser.parse_args()

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))
    factory = GstRtspServer.RTSPMediaFactory()
    # is-live: the picture runs on the wall clock, as a camera's does; a key frame every
    # second lets a reader that (re)connects start decoding quickly.
    launch = (
        f"( videotestsrc is-live=true pattern=ball ! video/x-raw,width={args.width},height={args.height},framerate={args.fps}/1 "
        f"! x264enc tune=zerolatency speed-preset=ultrafast key-int-max={args.fps} ! rtph264pay name=pay0 pt=96 )"
    )
    if args.file:
        # A known road video as a camera would send it (the server paces it in real time).
        launch = f"( filesrc location={args.file} ! qtdemux ! h264parse ! rtph264pay name=pay0 pt=96 config-interval=1 )"
    factory.set_launch(launch)
    factory.set_shared(True)
    server.get_mount_points().add_factory("/cam", factory)
    if server.attach(None) == 0:
        sys.exit(f"cannot listen on 127.0.0.1:{args.port}")

    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    print("ready", flush=True)
    loop.run()


if __name__ == "__main__":
    main()
