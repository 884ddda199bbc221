"""Builds the tiny YOLO-format ONNX models the vehicle-detector tests run (a few KB each).

Each model answers a fixed set of six candidate boxes in its input's pixels, laid out as
a YOLOv8 export does ([1, 4 + 80, N]: cx, cy, w, h, then one score per COCO class), and
multiplies every class score by the brightest value of its input. So a test knows the
exact decoded boxes for any frame with a white pixel (scores as below), and a frame that
never reached the model (all zero) gives no box at all.

    pip install --user onnx==1.19.1   # any onnx >= 1.14 writes the same graph
    python3 tools/models/build-yolo-fixtures.py   # writes test/fixtures/models/*.onnx

The candidates (input 320 wide x 256 high) are what
src/ingest/detect/yolo-vehicle-detector.int.spec.ts expects; change both together.
"""
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

CLASSES = 80
# cx, cy, w, h, class, score
CANDIDATES = [
    (100, 128, 80, 40, 2, 0.90),  # car
    (104, 130, 80, 40, 2, 0.80),  # the same car again: NMS suppresses it
    (104, 130, 80, 40, 7, 0.70),  # a truck in the same place: another class, kept
    (200, 60, 30, 80, 0, 0.95),   # a person: not a vehicle class
    (160, 200, 100, 50, 5, 0.30), # a bus under the confidence threshold
    (250, 200, 40, 60, 3, 0.60),  # a motorcycle
]
OUT = Path(__file__).resolve().parents[2] / "test" / "fixtures" / "models"


def candidate_table() -> tuple[np.ndarray, np.ndarray]:
    """(4, N) boxes and (80, N) scores."""
    boxes = np.zeros((4, len(CANDIDATES)), dtype=np.float32)
    scores = np.zeros((CLASSES, len(CANDIDATES)), dtype=np.float32)
    for n, (cx, cy, w, h, cls, score) in enumerate(CANDIDATES):
        boxes[:, n] = (cx, cy, w, h)
        scores[cls, n] = score
    return boxes, scores


def build(name: str, input_shape: list, transposed: bool) -> None:
    boxes, scores = candidate_table()
    nodes = [
        # The brightest input value, shape [1, 1, 1, 1] -> scalar-like factor for the scores.
        helper.make_node("ReduceMax", ["images"], ["peak"], keepdims=1),
        helper.make_node("Reshape", ["peak", "one_shape"], ["peak_1"]),
        helper.make_node("Mul", ["scores", "peak_1"], ["scaled"]),
        helper.make_node("Concat", ["boxes", "scaled"], ["table"], axis=0),
    ]
    if transposed:
        nodes.append(helper.make_node("Transpose", ["table"], ["table_t"], perm=[1, 0]))
        nodes.append(helper.make_node("Unsqueeze", ["table_t", "axis0"], ["output0"]))
        out_shape = [1, len(CANDIDATES), 4 + CLASSES]
    else:
        nodes.append(helper.make_node("Unsqueeze", ["table", "axis0"], ["output0"]))
        out_shape = [1, 4 + CLASSES, len(CANDIDATES)]
    graph = helper.make_graph(
        nodes,
        name,
        [helper.make_tensor_value_info("images", TensorProto.FLOAT, input_shape)],
        [helper.make_tensor_value_info("output0", TensorProto.FLOAT, out_shape)],
        initializer=[
            numpy_helper.from_array(boxes, "boxes"),
            numpy_helper.from_array(scores, "scores"),
            numpy_helper.from_array(np.array([1, 1], dtype=np.int64), "one_shape"),
            numpy_helper.from_array(np.array([0], dtype=np.int64), "axis0"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="roadledger-tools")
    model.ir_version = 8
    onnx.checker.check_model(model)
    OUT.mkdir(parents=True, exist_ok=True)
    onnx.save(model, OUT / f"{name}.onnx")
    print(f"wrote {OUT / (name + '.onnx')} ({(OUT / (name + '.onnx')).stat().st_size} bytes)")


if __name__ == "__main__":
    # Fixed input 320x256 (W x H), YOLOv8's own layout.
    build("yolo-fixture-320x256", [1, 3, 256, 320], transposed=False)
    # Dynamic input size, boxes-first layout [1, N, 84] (some exporters transpose).
    build("yolo-fixture-dynamic-transposed", [1, 3, "height", "width"], transposed=True)
