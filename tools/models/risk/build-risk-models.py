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
- risk-slow.onnx: the answer of risk-linear.onnx, plus zero times the mean of a Loop of
  SLOW_ITERATIONS products of a SLOW_SIZE x SLOW_SIZE matrix with itself, seeded from the
  features so nothing can be folded at load: a model that fits and is right, but one run
  takes seconds on one thread (about 2 s on the project's 2-core machine, under load): the model a
  scoring timeout is for.

The files are written byte-for-byte reproducibly (fixed IR and opset versions, no
producer version), so rebuilding them changes nothing in git.
"""

from pathlib import Path

import onnx
from onnx import TensorProto, helper

WEIGHTS = [1.0, 2.0, 0.5, 1.5]
BIAS = -3.0
SLOW_SIZE = 512
SLOW_ITERATIONS = 800
OUT_DIR = Path(__file__).resolve().parents[3] / "test" / "fixtures" / "models" / "risk"


def linear_nodes(logit_name: str, with_sigmoid: bool, risk_name: str = "risk") -> list[onnx.NodeProto]:
    nodes = [
        helper.make_node("MatMul", ["features", "weights"], ["weighted"]),
        helper.make_node("Add", ["weighted", "bias"], [logit_name if with_sigmoid else risk_name]),
    ]
    if with_sigmoid:
        nodes.append(helper.make_node("Sigmoid", [logit_name], [risk_name]))
    return nodes


def linear_initializers(weights: list[float]) -> list[onnx.TensorProto]:
    return [
        helper.make_tensor("weights", TensorProto.FLOAT, [len(weights), 1], weights),
        helper.make_tensor("bias", TensorProto.FLOAT, [1], [BIAS]),
    ]


def finished(graph: onnx.GraphProto) -> onnx.ModelProto:
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="roadledger")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def linear_model(name: str, weights: list[float], with_sigmoid: bool) -> onnx.ModelProto:
    n = len(weights)
    features = helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", n])
    risk = helper.make_tensor_value_info("risk", TensorProto.FLOAT, ["batch", 1])
    graph = helper.make_graph(linear_nodes("logit", with_sigmoid), name, [features], [risk], linear_initializers(weights))
    return finished(graph)


def slow_model() -> onnx.ModelProto:
    features = helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", len(WEIGHTS)])
    risk = helper.make_tensor_value_info("risk", TensorProto.FLOAT, ["batch", 1])
    square = [SLOW_SIZE, SLOW_SIZE]
    # One iteration: state <- tanh(state . state / SIZE), which stays within [-1, 1].
    body = helper.make_graph(
        [
            helper.make_node("MatMul", ["state_in", "state_in"], ["product"]),
            helper.make_node("Mul", ["product", "inverse_size"], ["scaled"]),
            helper.make_node("Tanh", ["scaled"], ["state_out"]),
            helper.make_node("Identity", ["cond_in"], ["cond_out"]),
        ],
        "slow_body",
        [
            helper.make_tensor_value_info("iteration", TensorProto.INT64, []),
            helper.make_tensor_value_info("cond_in", TensorProto.BOOL, []),
            helper.make_tensor_value_info("state_in", TensorProto.FLOAT, square),
        ],
        [
            helper.make_tensor_value_info("cond_out", TensorProto.BOOL, []),
            helper.make_tensor_value_info("state_out", TensorProto.FLOAT, square),
        ],
        [helper.make_tensor("inverse_size", TensorProto.FLOAT, [], [1.0 / SLOW_SIZE])],
    )
    nodes = linear_nodes("logit", with_sigmoid=True, risk_name="fast_risk") + [
        # The seed depends on the input, so onnxruntime cannot run the loop once at load.
        helper.make_node("ReduceSum", ["features"], ["feature_sum"], keepdims=1),
        helper.make_node("Add", ["feature_sum", "half"], ["seed"]),
        helper.make_node("Expand", ["seed", "square_shape"], ["state_0"]),
        helper.make_node("Loop", ["iterations", "keep_going", "state_0"], ["state_n"], body=body),
        helper.make_node("ReduceMean", ["state_n"], ["busy_work"], keepdims=0),
        helper.make_node("Mul", ["busy_work", "zero"], ["nothing"]),
        helper.make_node("Add", ["fast_risk", "nothing"], ["risk"]),
    ]
    initializers = linear_initializers(WEIGHTS) + [
        helper.make_tensor("half", TensorProto.FLOAT, [], [0.5]),
        helper.make_tensor("square_shape", TensorProto.INT64, [2], square),
        helper.make_tensor("iterations", TensorProto.INT64, [], [SLOW_ITERATIONS]),
        helper.make_tensor("keep_going", TensorProto.BOOL, [], [True]),
        helper.make_tensor("zero", TensorProto.FLOAT, [], [0.0]),
    ]
    return finished(helper.make_graph(nodes, "risk_slow", [features], [risk], initializers))


def main() -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    models = {
        "risk-linear.onnx": linear_model("risk_linear", WEIGHTS, with_sigmoid=True),
        "risk-unbounded.onnx": linear_model("risk_unbounded", WEIGHTS, with_sigmoid=False),
        "risk-three-features.onnx": linear_model("risk_three_features", WEIGHTS[:3], with_sigmoid=True),
        "risk-slow.onnx": slow_model(),
    }
    for file_name, model in models.items():
        path = OUT_DIR / file_name
        path.write_bytes(model.SerializeToString(deterministic=True))
        print(f"{path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
