"""PyTorch side of apps/bench.

Usage: python3 torch_bench.py '<json>' where the JSON is {"threads": null | n, "plan": [...]},
each plan item {"caseId", "variantId", "params", "iterations": {"warmup", "reps", "inner"},
"budgetSeconds"}
as built by apps/bench/src/cases/plan.ts. Runs the same shapes with the same warm-up and
timed iterations as the Node runners and prints one JSON object on stdout: the torch
version, the threads used, the peak RSS (ru_maxrss, KiB) and, per variant, the seconds
per call of each timed repetition. Without torch it prints {"unavailable": reason}.
"""

import json
import re
import resource
import sys
import time

MLP_LAYERS = [784, 256, 256, 10]
CNN_SIZE = 28


def measure(step, planned, budget):
    """Seconds per call, as `measure` in src/measure.ts: `warmup` untimed calls, then `reps`
    samples of `inner` calls each, kept within `budget` seconds the same way."""
    start = time.perf_counter()
    warmup, per_call = 0, 0.0
    while warmup < planned["warmup"]:
        call_start = time.perf_counter()
        step()
        warmup += 1
        per_call = time.perf_counter() - call_start
        if warmup == 1 and per_call > budget:
            return [per_call], {"warmup": 0, "reps": 1, "inner": 1}, True
        if time.perf_counter() - start > budget / 2:
            break
    remaining = budget - (time.perf_counter() - start)
    inner = planned["inner"]
    if per_call * inner > remaining:
        inner = max(1, int(remaining // per_call))
    samples = []
    while len(samples) < planned["reps"] and (not samples or time.perf_counter() - start < budget):
        rep_start = time.perf_counter()
        for _ in range(inner):
            step()
        samples.append((time.perf_counter() - rep_start) / inner)
    return samples, {"warmup": warmup, "reps": len(samples), "inner": inner}, False


def mlp(torch):
    """The 784-256-256-10 ReLU MLP."""
    layers = []
    for i, (fan_in, fan_out) in enumerate(zip(MLP_LAYERS, MLP_LAYERS[1:])):
        if i > 0:
            layers.append(torch.nn.ReLU())
        layers.append(torch.nn.Linear(fan_in, fan_out))
    return torch.nn.Sequential(*layers)


def cnn(torch):
    """The LeNet-size CNN: conv 5x5 x32, ReLU, pool 2, conv 5x5 x64, ReLU, pool 2, dense -> 10."""
    nn = torch.nn
    return nn.Sequential(
        nn.Conv2d(1, 32, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 4 * 4, 10),
    )


def lstm_regressor(torch, input_size, hidden_size):
    """torch.nn.LSTM (time-major [steps, batch, input]) and a Linear readout of the last hidden state, one output per sequence."""

    class LstmRegressor(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = torch.nn.LSTM(input_size, hidden_size)
            self.readout = torch.nn.Linear(hidden_size, 1)

        def forward(self, inputs):
            _, (h_n, _) = self.lstm(inputs)
            return self.readout(h_n[-1]).squeeze(-1)

    return LstmRegressor()


def train_step(torch, model, inputs, targets, loss_fn, params):
    """One step: zero the gradients (to None, as shinkei and tfjs do), forward, loss, backward, update."""
    if params["optimizer"] == "sgd":
        optimizer = torch.optim.SGD(model.parameters(), lr=params["lr"])
    else:
        optimizer = torch.optim.Adam(model.parameters(), lr=params["lr"])

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(inputs), targets)
        loss.backward()
        optimizer.step()

    return step


def classification_step(torch, model, inputs, params):
    """A training step with softmax cross-entropy on random labels."""
    labels = torch.randint(0, 10, (params["batch"],))
    return train_step(torch, model, inputs, labels, torch.nn.functional.cross_entropy, params)


def gemm(torch, params):
    a = torch.randn(params["m"], params["k"])
    b = torch.randn(params["k"], params["n"])
    return lambda: torch.mm(a, b)


def mlp_train(torch, params):
    return classification_step(torch, mlp(torch), torch.randn(params["batch"], MLP_LAYERS[0]), params)


def cnn_train(torch, params):
    return classification_step(torch, cnn(torch), torch.randn(params["batch"], 1, CNN_SIZE, CNN_SIZE), params)


def lstm_train(torch, params):
    """The LSTM regressor's step, mean squared error on one target per sequence; shapes from the plan."""
    model = lstm_regressor(torch, params["inputSize"], params["hiddenSize"])
    inputs = torch.randn(params["steps"], params["batch"], params["inputSize"])
    targets = torch.randn(params["batch"])
    return train_step(torch, model, inputs, targets, torch.nn.functional.mse_loss, params)


def cnn_infer(torch, params):
    model = cnn(torch).eval()
    inputs = torch.randn(params["batch"], 1, CNN_SIZE, CNN_SIZE)

    def step():
        with torch.no_grad():
            model(inputs)

    return step


CASES = {
    "gemm": gemm,
    "mlp-train": mlp_train,
    "cnn-train": cnn_train,
    "cnn-infer": cnn_infer,
    "lstm-train": lstm_train,
}


def blas_notes():
    """Which BLAS/LAPACK libraries the process mapped (torch.mm calls BLAS when built with BLAS_INFO=generic)."""
    try:
        with open("/proc/self/maps") as maps:
            paths = sorted({line.split()[-1] for line in maps if re.search(r"blas|lapack|mkl", line.split()[-1])})
    except OSError:
        return []
    reference = "/blas/libblas.so"  # Debian's netlib reference BLAS, picked by update-alternatives
    return [f"BLAS library loaded: {p}" + (" (Debian's reference BLAS)" if reference in p else "") for p in paths]


def main():
    config = json.loads(sys.argv[1])
    try:
        import torch
    except ImportError as error:
        print(json.dumps({"unavailable": f"python3 cannot import torch ({error})"}))
        return
    if config["threads"] is not None:
        torch.set_num_threads(config["threads"])
    torch.manual_seed(0)
    measurements = []
    for item in config["plan"]:
        build = CASES.get(item["caseId"])
        if build is None:
            continue
        key = {"caseId": item["caseId"], "variantId": item["variantId"]}
        try:
            samples, iterations, cold_only = measure(build(torch, item["params"]), item["iterations"], item["budgetSeconds"])
            measurements.append({**key, "samples": samples, "iterations": iterations, "coldOnly": cold_only})
        except Exception as error:  # reported in the table, never fatal
            measurements.append({**key, "unavailable": f"{type(error).__name__}: {error}"})
    print(json.dumps({
        "version": f"torch {torch.__version__}",
        "threads": f"{torch.get_num_threads()} intra-op, {torch.get_num_interop_threads()} inter-op",
        "peakRssKiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "notes": blas_notes(),
        "measurements": measurements,
    }))


if __name__ == "__main__":
    main()
