"""TEMPORARY stand-in for ``_cdnmesh.metric_catalogue()`` until the C++ catalogue lands on main.

Delete this file (and its use in catalogue.py) once main's "Metric catalogue" commit is merged.
"""

def _m(name, label, unit, kind, lo, hi, percent=False):
    return {"name": name, "label": label, "unit": unit, "kind": kind, "lo": lo, "hi": hi,
            "percent": percent, "description": ""}


ENTRIES = [
    _m("offload_ratio", "Offload", "%", "ratio", 0.0, 1.0, True),
    _m("theoretical_offload_bound", "Offload bound", "%", "ratio", 0.0, 1.0, True),
    _m("efficiency", "Efficiency", "%", "ratio", 0.0, 1.0, True),
    _m("viewers", "Viewers", "", "count", 0.0, None),
    _m("watch_hours", "Watch time", "h", "other", 0.0, None),
    _m("cdn_bytes", "CDN bytes", "bytes", "bytes", 0.0, None),
    _m("p2p_bytes", "P2P bytes", "bytes", "bytes", 0.0, None),
    _m("cdn_egress_bytes_per_pop", "CDN egress", "bytes", "bytes", 0.0, None),
    _m("p2p_cross_isp_share", "Cross-ISP P2P share", "%", "ratio", 0.0, 1.0, True),
    _m("rebuffer_ratio", "Rebuffering", "%", "ratio", 0.0, 1.0, True),
    _m("startup_delay_p50_s", "Startup delay p50", "s", "seconds", 0.0, None),
    _m("startup_delay_p95_s", "Startup delay p95", "s", "seconds", 0.0, None),
    _m("mean_bitrate_bps", "Mean bitrate", "bit/s", "rate", 0.0, None),
    _m("upload_per_viewer_mean_bytes", "Upload per viewer", "bytes", "bytes", 0.0, None),
    _m("events", "Events", "", "count", 0.0, None),
]
