"""Builds a YOLO-format vehicle model that finds the vehicles of the generated road videos
(src/ingest/synth, default scene) from the picture itself, for the whole-pipeline test
src/ingest/pipeline/vehicle-model.int.spec.ts.

No network was trained: the synthetic scene is painted from a small known palette, so a
nearest-colour segmenter is an exact, predictable detector for it. The graph

  1. classifies every input pixel to the nearest colour of the palette (the five vehicle
     bodies in their three shades - rear face, roof x1.15, side x0.7, as scene-svg.ts
     paints them - and every other colour the scene uses: sky, grass, road, markings,
     signal, shadow, windows, wheels, plates), and drops pixels far from all of them;
  2. keeps, per vehicle, the pixels of its own shades, and opens that mask (5x5 erosion,
     then 5x5 dilation) so the thin bands where blur and H.264 blend two background colours
     into a body colour vanish while a body survives;
  3. answers one candidate per vehicle colour, laid out as a YOLOv8 export does
     ([1, 4 + 80, 5]: cx, cy, w, h in input pixels, then one score per COCO class): the
     bounding box of the opened mask, scored 0.9 for the vehicle's class when any pixel is
     left and 0 otherwise.

So its boxes are the visible extent of each vehicle body, where the video's truth puts it,
and the pipeline's tracker, vehicle links and messages see real model output. Each
vehicle colour has its own class, so a test can tell which vehicle a plate was linked to:

    blue #2f5d9e car · red #b33a3a truck · green #3c8d4f bus · light grey #d9d9d9 motorcycle
    · purple #7a4fa0 car

    pip install --user onnx==1.19.1 numpy   # any onnx >= 1.14 writes the same graph
    python3 tools/models/build-synth-vehicle-fixture.py   # writes test/fixtures/models/yolo-synth-vehicles.onnx

The palette mirrors src/ingest/synth/scene.ts and scene-svg.ts; change them together.
"""
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

INPUT_W, INPUT_H = 640, 384
CLASSES = 80
CAR, MOTORCYCLE, BUS, TRUCK = 2, 3, 5, 7
# Body colour and the COCO class answered for it (scene.ts defaultScene()).
VEHICLES = [("#2f5d9e", CAR), ("#b33a3a", TRUCK), ("#3c8d4f", BUS), ("#d9d9d9", MOTORCYCLE), ("#7a4fa0", CAR)]
# The shades scene-svg.ts paints a body in: rear face, roof, side.
SHADES = [1.0, 1.15, 0.7]
# Everything else the scene paints (scene-svg.ts, plate-art.ts).
BACKGROUND = [
    "#9cb7cf", "#5d7a45", "#5a5a5c", "#f2f2f2", "#e8c53a", "#f5f5f5",  # sky, grass, road, edge lines, centre line, stop line
    "#333333", "#1b1b1b", "#ff2a1a", "#ffb300", "#22e05a", "#4a1410", "#4a3a10", "#103a1c",  # signal pole, head, lamps
    "#2a2a2a", "#26323d", "#111111",  # shadow, rear window, wheels and plate text
    "#fbfbf7", "#1f4aa8", "#ffffff",  # plate, Mercosur band, Peru band
]
# A pixel farther than this (RGB distance, 0-255 units) from every palette colour is no one's.
MAX_DISTANCE = 30
# A body shade this close to a background colour is left out: the two cannot be told apart
# under the video's noise (the light grey car's roof, 250, is the plates' white, 251).
MIN_SEPARATION = 20
OPENING = 5
SCORE = 0.9
OUT = Path(__file__).resolve().parents[2] / "test" / "fixtures" / "models" / "yolo-synth-vehicles.onnx"


def rgb(hex_colour: str, factor: float = 1.0) -> list[float]:
    """As scene-svg.ts shade(): each channel scaled, rounded, capped at 255; then 0-1."""
    n = int(hex_colour[1:], 16)
    return [min(255, round(((n >> shift) & 255) * factor)) / 255 for shift in (16, 8, 0)]


def palette() -> tuple[np.ndarray, np.ndarray]:
    """Palette colours (P, 3) and which vehicle owns each one (K, P) as a 0/1 matrix."""
    background = np.array([rgb(c) for c in BACKGROUND], dtype=np.float32)
    shades: list[tuple[int, list[float]]] = []
    for k, (colour, _) in enumerate(VEHICLES):
        for factor in SHADES:
            shade = rgb(colour, factor)
            if np.min(np.linalg.norm(background - np.array(shade), axis=1)) * 255 >= MIN_SEPARATION:
                shades.append((k, shade))
    owner = np.zeros((len(VEHICLES), len(shades) + len(background)), dtype=np.float32)
    for p, (k, _) in enumerate(shades):
        owner[k, p] = 1
    return np.concatenate([np.array([s for _, s in shades], dtype=np.float32), background]), owner


def build() -> None:
    colours, owner = palette()
    p, k = len(colours), len(VEHICLES)
    class_scores = np.zeros((1, CLASSES, k), dtype=np.float32)
    for n, (_, cls) in enumerate(VEHICLES):
        class_scores[0, cls, n] = SCORE
    init = {
        # |x - c|^2 = |x|^2 - 2 x.c + |c|^2: the x.c term is a 1x1 convolution.
        "minus_2c": (-2 * colours).reshape(p, 3, 1, 1),
        "c_squared": (colours ** 2).sum(axis=1).reshape(1, p, 1, 1),
        "palette_ids": np.arange(p, dtype=np.int64).reshape(1, p, 1, 1),
        "owner": owner.reshape(k, p, 1, 1),
        "max_d2": np.array((MAX_DISTANCE / 255) ** 2, dtype=np.float32),
        "minus_one": np.array(-1, dtype=np.float32),
        "half": np.array(0.5, dtype=np.float32),
        "width": np.array(INPUT_W, dtype=np.float32),
        "height": np.array(INPUT_H, dtype=np.float32),
        # 1..W and W..1: the right edge is max(col * (i + 1)), the left edge W - max(col * (W - i)).
        "ramp_w": np.arange(1, INPUT_W + 1, dtype=np.float32),
        "down_w": np.arange(INPUT_W, 0, -1, dtype=np.float32),
        "ramp_h": np.arange(1, INPUT_H + 1, dtype=np.float32),
        "down_h": np.arange(INPUT_H, 0, -1, dtype=np.float32),
        "class_scores": class_scores,
        "axis1": np.array([1], dtype=np.int64),
    }
    pool = dict(kernel_shape=[OPENING, OPENING], pads=[OPENING // 2] * 4, strides=[1, 1])
    n = helper.make_node
    nodes = [
        # 1. nearest palette colour of each pixel, and whether it is near enough.
        n("Conv", ["images", "minus_2c"], ["cross"]),
        n("Add", ["cross", "c_squared"], ["partial_d2"]),
        n("ArgMin", ["partial_d2"], ["nearest"], axis=1, keepdims=1),
        n("ReduceMin", ["partial_d2"], ["min_partial"], axes=[1], keepdims=1),
        n("Mul", ["images", "images"], ["x_squared_rgb"]),
        n("ReduceSum", ["x_squared_rgb", "axis1"], ["x_squared"], keepdims=1),
        n("Add", ["min_partial", "x_squared"], ["min_d2"]),
        n("Less", ["min_d2", "max_d2"], ["near_enough"]),
        n("Equal", ["nearest", "palette_ids"], ["is_colour"]),
        n("And", ["is_colour", "near_enough"], ["assigned"]),
        n("Cast", ["assigned"], ["assigned_f"], to=TensorProto.FLOAT),
        # 2. each vehicle's own shades, opened.
        n("Conv", ["assigned_f", "owner"], ["body"]),
        n("Mul", ["body", "minus_one"], ["body_neg"]),
        n("MaxPool", ["body_neg"], ["eroded_neg"], **pool),
        n("Mul", ["eroded_neg", "minus_one"], ["eroded"]),
        n("MaxPool", ["eroded"], ["opened"], **pool),
        # 3. bounding box of what is left, per vehicle: [1, K] each.
        n("ReduceMax", ["opened"], ["cols"], axes=[2], keepdims=0),
        n("ReduceMax", ["opened"], ["rows"], axes=[3], keepdims=0),
        n("Mul", ["cols", "ramp_w"], ["cols_right"]),
        n("ReduceMax", ["cols_right"], ["x1"], axes=[2], keepdims=0),
        n("Mul", ["cols", "down_w"], ["cols_left"]),
        n("ReduceMax", ["cols_left"], ["left_from_right"], axes=[2], keepdims=0),
        n("Sub", ["width", "left_from_right"], ["x0"]),
        n("Mul", ["rows", "ramp_h"], ["rows_bottom"]),
        n("ReduceMax", ["rows_bottom"], ["y1"], axes=[2], keepdims=0),
        n("Mul", ["rows", "down_h"], ["rows_top"]),
        n("ReduceMax", ["rows_top"], ["top_from_bottom"], axes=[2], keepdims=0),
        n("Sub", ["height", "top_from_bottom"], ["y0"]),
        n("ReduceMax", ["cols"], ["present"], axes=[2], keepdims=0),
        n("Add", ["x0", "x1"], ["x_sum"]),
        n("Mul", ["x_sum", "half"], ["cx"]),
        n("Add", ["y0", "y1"], ["y_sum"]),
        n("Mul", ["y_sum", "half"], ["cy"]),
        n("Sub", ["x1", "x0"], ["w"]),
        n("Sub", ["y1", "y0"], ["h"]),
        n("Concat", ["cx", "cy", "w", "h"], ["boxes_flat"], axis=0),
        n("Unsqueeze", ["boxes_flat", "axis0"], ["boxes"]),
        n("Unsqueeze", ["present", "axis1"], ["present_3d"]),
        n("Mul", ["class_scores", "present_3d"], ["scores"]),
        n("Concat", ["boxes", "scores"], ["output0"], axis=1),
    ]
    init["axis0"] = np.array([0], dtype=np.int64)
    graph = helper.make_graph(
        nodes,
        "yolo-synth-vehicles",
        [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, INPUT_H, INPUT_W])],
        [helper.make_tensor_value_info("output0", TensorProto.FLOAT, [1, 4 + CLASSES, k])],
        initializer=[numpy_helper.from_array(np.asarray(v), name) for name, v in init.items()],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="roadledger-tools")
    model.ir_version = 8
    onnx.checker.check_model(model, full_check=True)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, OUT)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    build()
