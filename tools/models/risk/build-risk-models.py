"""Builds the tiny ONNX risk models the tests load (test/fixtures/models/risk/).

    pip install --user onnx==1.19.1
    python3 tools/models/risk/build-risk-models.py

Each model takes the factors of src/projections/vehicle-risk/risk-features.ts as one float32
row, input "features" of shape [batch, 4] in this order: confirmed_offences,
recent_offences, repeat_offences, unpaid_fines. The weights are chosen so the tests can
state the exact score: with the bias of -3, a history of one confirmed, recent offence
gives a logit of 0, a probability of 0.5 and a score of 50.

- risk-linear.onnx: sigmoid(features . WEIGHTS + BIAS), output "risk" [batch, 1], the
  model RISK_MODEL_PATH is meant to hold.
- risk-unbounded.onnx: the same without the sigmoid, so large histories give values above
  1: a model that loads but fails at run time (the formula must answer instead).
- risk-three-features.onnx: input of shape [batch, 3]: refused at load.

The files are written byte-for-byte reproducibly (fixed IR and opset versions, no
producer version), so rebuilding them changes nothing in git.
"""

from pathlib import Path

import onnx
from onnx import TensorProto, helper

WEIGHTS = [1.0, 2.0, 0.5, 1.5]
BIAS = -3.0
OUT_DIR = Path(__file__).resolve().parents[3] / "test" / "fixtures" / "models" / "risk"


def linear_model(name: str, weights: list[float], with_sigmoid: bool) -> onnx.ModelProto:
    n = len(weights)
    features = helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", n])
    risk = helper.make_tensor_value_info("risk", TensorProto.FLOAT, ["batch", 1])
    initializers = [
        helper.make_tensor("weights", TensorProto.FLOAT, [n, 1], weights),
        helper.make_tensor("bias", TensorProto.FLOAT, [1], [BIAS]),
    ]
    logit_name = "logit" if with_sigmoid else "risk"
    nodes = [
        helper.make_node("MatMul", ["features", "weights"], ["weighted"]),
        helper.make_node("Add", ["weighted", "bias"], [logit_name]),
    ]
    if with_sigmoid:
        nodes.append(helper.make_node("Sigmoid", ["logit"], ["risk"]))
    graph = helper.make_graph(nodes, name, [features], [risk], initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="roadledger")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def main() -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    models = {
        "risk-linear.onnx": linear_model("risk_linear", WEIGHTS, with_sigmoid=True),
        "risk-unbounded.onnx": linear_model("risk_unbounded", WEIGHTS, with_sigmoid=False),
        "risk-three-features.onnx": linear_model("risk_three_features", WEIGHTS[:3], with_sigmoid=True),
    }
    for file_name, model in models.items():
        path = OUT_DIR / file_name
        path.write_bytes(model.SerializeToString(deterministic=True))
        print(f"{path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
