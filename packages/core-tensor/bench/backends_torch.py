"""PyTorch's CPU time for the steps of bench/backends.ts, printed as one JSON object.

Run by backends.ts as a subprocess: /usr/bin/python3 bench/backends_torch.py
Same models, batch sizes and optimizer; timing as in bench/timing.ts (warm-up, then
repetitions of ≥ 40 ms; median and best wall time, median CPU time, in ms per call).
"""

import json
import statistics
import time

import torch
from torch import nn


def time_calls(fn, warmup_s=0.3, reps=9, rep_s=0.04):
    end = time.perf_counter() + warmup_s
    calls = 0
    while calls < 3 or time.perf_counter() < end:
        fn()
        calls += 1
    t0 = time.perf_counter()
    fn()
    inner = max(1, int(rep_s / max(time.perf_counter() - t0, 1e-6)) + 1)
    wall, cpu = [], []
    for _ in range(reps):
        start, cpu_start = time.perf_counter(), time.process_time()
        for _ in range(inner):
            fn()
        wall.append((time.perf_counter() - start) * 1e3 / inner)
        cpu.append((time.process_time() - cpu_start) * 1e3 / inner)
    return {"median": statistics.median(wall), "best": min(wall), "cpu": statistics.median(cpu)}


def training_step(model, x, y):
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

    def step():
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

    return step


def main():
    torch.manual_seed(0)
    mlp = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))
    cnn = nn.Sequential(
        nn.Conv2d(1, 32, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1024, 10),
    )
    mlp_x, mlp_y = torch.randn(128, 784), torch.randint(0, 10, (128,))
    cnn_x, cnn_y = torch.randn(64, 1, 28, 28), torch.randint(0, 10, (64,))
    result = {
        "version": torch.__version__,
        "threads": torch.get_num_threads(),
        "mlpStep": time_calls(training_step(mlp, mlp_x, mlp_y)),
        "cnnStep": time_calls(training_step(cnn, cnn_x, cnn_y)),
    }
    cnn.eval()
    with torch.no_grad():
        result["cnnInference"] = time_calls(lambda: cnn(cnn_x))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
