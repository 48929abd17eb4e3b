#!/usr/bin/python3
"""Records a golden gradient snapshot with PyTorch, for AutoNet.Testing's GradientSnapshot.Verify / Load.

The round trip (docs/testing-gradients.md, "Golden gradients: regression tests without libtorch"):

1. AutoNet exports the model's weights (``model.Save("weights.safetensors")``) and a batch
   (``SafeTensors.Save("batch.safetensors", {"x": x, "y": y})``).
2. This script builds the same model in PyTorch, loads those weights, runs the user's loss on that batch,
   back-propagates, and writes the loss and every gradient in the snapshot format: a safetensors file with
   one tensor per parameter (its ``named_parameters()`` name, which is AutoNet's state-dict name), one per
   requested input as ``input.<name>``, and the metadata (format, library, version, dtype, loss).
3. Commit the snapshot; every later ``dotnet test`` compares AutoNet's gradients with it, without Python.

As a library (the user's own model and loss)::

    import sys; sys.path.insert(0, "tools")
    from record_torch_gradients import record
    record(MyNet(), lambda model, batch: F.mse_loss(model(batch["x"]), batch["y"]),
           "weights.safetensors", "batch.safetensors", "golden.safetensors", grad_inputs=["x"])

From the command line, with a built-in recipe (the worked examples) or ``path/to/file.py:function``, a function
of no arguments that returns ``(module, loss_fn)``::

    /usr/bin/python3 tools/record_torch_gradients.py moons --weights W --batch B --out O --input x

Needs only torch and numpy (Debian's python3-torch); the safetensors layout is read and written by hand.
"""
import argparse
import collections
import importlib.util
import json
import os
import struct
import sys

import numpy as np
import torch

FORMAT = "autonet-gradient-snapshot/1"  # AutoNet.Testing's MetadataKeys.FormatName
INPUT_PREFIX = "input."
MAX_HEADER_BYTES = 100_000_000
_DTYPES = {"F64": (torch.float64, "<f8"), "F32": (torch.float32, "<f4"), "I64": (torch.int64, "<i8")}
_NAMES = {torch.float64: "F64", torch.float32: "F32", torch.int64: "I64"}


def read_safetensors(path):
    """Reads a safetensors file: (OrderedDict of name -> torch tensor, metadata dict). Checks every offset."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ValueError(f"{path}: {len(data)} bytes, too short for the 8-byte header length")
    (n,) = struct.unpack("<Q", data[:8])
    if n > len(data) - 8 or n > MAX_HEADER_BYTES:
        raise ValueError(f"{path}: header length {n} runs past the end of the file or over the limit")
    header = json.loads(data[8:8 + n].decode("utf-8"), object_pairs_hook=collections.OrderedDict)
    buffer = data[8 + n:]
    metadata = dict(header.pop("__metadata__", {}))
    tensors = collections.OrderedDict()
    covered = 0
    for name, entry in header.items():
        if entry["dtype"] not in _DTYPES:
            raise ValueError(f"{path}: tensor {name!r} has dtype {entry['dtype']!r}; expected F64, F32 or I64")
        dtype, numpy_dtype = _DTYPES[entry["dtype"]]
        shape = [int(d) for d in entry["shape"]]
        begin, end = (int(o) for o in entry["data_offsets"])
        size = int(np.prod(shape, dtype=np.int64)) * np.dtype(numpy_dtype).itemsize
        if not 0 <= begin <= end <= len(buffer) or end - begin != size:
            raise ValueError(f"{path}: tensor {name!r} of shape {shape} has data_offsets [{begin}, {end}] that do not fit")
        covered += end - begin
        array = np.frombuffer(buffer[begin:end], dtype=numpy_dtype).reshape(shape)
        tensors[name] = torch.from_numpy(array.astype(numpy_dtype[1:], copy=True))
    if covered != len(buffer):
        raise ValueError(f"{path}: the tensors cover {covered} of the {len(buffer)} data bytes")
    return tensors, metadata


def write_safetensors(path, tensors, metadata=None):
    """Writes named float64/float32/int64 tensors (in the given order) and string metadata to a safetensors file."""
    header = collections.OrderedDict()
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    blobs, offset = [], 0
    for name, tensor in tensors.items():
        tensor = tensor.detach().contiguous().cpu()
        if tensor.dtype not in _NAMES:
            raise ValueError(f"tensor {name!r} has dtype {tensor.dtype}; expected float64, float32 or int64")
        blob = tensor.numpy().astype(_DTYPES[_NAMES[tensor.dtype]][1], copy=False).tobytes()
        header[name] = {"dtype": _NAMES[tensor.dtype], "shape": list(tensor.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * ((8 - (8 + len(text)) % 8) % 8)  # pad so that the data starts at a multiple of 8
    temp = f"{path}.tmp"
    with open(temp, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)
    os.replace(temp, path)


def _floating_dtype(tensors, path):
    dtypes = {t.dtype for t in tensors.values() if t.is_floating_point()}
    if len(dtypes) > 1:
        raise ValueError(f"{path}: the weights mix dtypes {sorted(str(d) for d in dtypes)}; expected one")
    return dtypes.pop() if dtypes else torch.float64


def record(module, loss_fn, weights_path, batch_path, out_path, grad_inputs=(), model_name=None):
    """Records the loss and gradients of ``loss_fn(module, batch)`` into a snapshot file; returns the loss.

    module:      a torch.nn.Module with AutoNet's parameter names; converted to the weights' dtype, then loaded
                 with load_state_dict(strict=True). Its training mode is left as the caller set it.
    loss_fn:     loss_fn(module, batch) -> a one-element tensor; batch is a dict of the batch file's tensors.
    grad_inputs: names of batch tensors whose gradients are recorded too, as "input.<name>".
    Parameters the loss does not reach get zero gradients, as in AutoNet's GradientSnapshot.Capture.
    """
    weights, _ = read_safetensors(weights_path)
    module.to(_floating_dtype(weights, weights_path))
    module.load_state_dict(weights, strict=True)
    batch, _ = read_safetensors(batch_path)
    for name in grad_inputs:
        if name not in batch:
            raise KeyError(f"{batch_path} has no tensor {name!r} (it has {list(batch)})")
        batch[name].requires_grad_(True)
    module.zero_grad(set_to_none=True)

    loss = loss_fn(module, batch)
    if loss.numel() != 1:
        raise ValueError(f"the loss has shape {list(loss.shape)}; expected a single value")
    loss.backward()

    gradients = collections.OrderedDict()
    for name, parameter in module.named_parameters():
        gradients[name] = torch.zeros_like(parameter) if parameter.grad is None else parameter.grad.detach().clone()
    for name in grad_inputs:
        tensor = batch[name]
        gradients[INPUT_PREFIX + name] = torch.zeros_like(tensor) if tensor.grad is None else tensor.grad.detach().clone()
    value = float(loss.item())
    metadata = collections.OrderedDict([
        ("format", FORMAT),
        ("library", "PyTorch"),
        ("library_version", torch.__version__),
        ("dtype", str(loss.dtype).replace("torch.", "")),
        ("loss", repr(value)),
        ("recorded_with", "tools/record_torch_gradients.py"),
    ])
    if model_name:
        metadata["model"] = model_name
    write_safetensors(out_path, gradients, metadata)
    return value


def moons():
    """The seed notebook's moons network, 2 -> 4 ReLU -> 1 Sigmoid, with binary cross-entropy on (x, y)."""
    model = torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1), torch.nn.Sigmoid())
    return model, lambda m, batch: torch.nn.functional.binary_cross_entropy(m(batch["x"]), batch["y"])


class AllLayers(torch.nn.Module):
    """Every layer AutoNet.TorchSharp converts, as AllLayersModel in tests/AutoNet.Testing.Tests builds it."""

    def __init__(self):
        super().__init__()
        nn = torch.nn
        self.body = nn.Sequential(
            nn.Flatten(), nn.Linear(6, 8), nn.BatchNorm1d(8), nn.ReLU(),
            nn.Linear(8, 8), nn.LayerNorm(8), nn.Tanh(), nn.Dropout(0.25),
            nn.Linear(8, 8), nn.LeakyReLU(0.1), nn.GELU(),
            nn.Linear(8, 8), nn.GELU(approximate="tanh"), nn.Identity(),
            nn.Linear(8, 8), nn.Sigmoid())
        self.body[7].eval()  # Dropout off: the two libraries draw different masks; BatchNorm trains
        self.heads = nn.ModuleList([nn.Linear(8, 3), nn.Linear(8, 3)])
        self.log_softmax = nn.LogSoftmax(dim=1)
        self.softmax = nn.Softmax(dim=1)

    def forward(self, x):
        h = self.body(x)
        return self.log_softmax(self.heads[0](h)), self.softmax(self.heads[1](h))


def all_layers():
    """AllLayers, with NLL loss of the log-softmax head on class indices plus MSE of the softmax head."""
    def loss(model, batch):
        log_probabilities, probabilities = model(batch["x"])
        nll = torch.nn.functional.nll_loss(log_probabilities, batch["target"].long())
        return nll + torch.nn.functional.mse_loss(probabilities, batch["probabilities"])
    return AllLayers(), loss


def digits():
    """The Digits example's CNN (examples/Digits: DigitsCommand.Model), cross-entropy on class indices."""
    nn = torch.nn
    model = nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 2 * 2, 10))
    return model, lambda m, batch: torch.nn.functional.cross_entropy(m(batch["x"]), batch["target"].long())


RECIPES = {"moons": moons, "all-layers": all_layers, "digits": digits}


def _recipe(spec):
    if spec in RECIPES:
        return RECIPES[spec]()
    path, _, function = spec.rpartition(":")
    if not path or not function:
        raise SystemExit(f"unknown model {spec!r}: expected one of {sorted(RECIPES)} or path/to/file.py:function")
    loaded = importlib.util.spec_from_file_location("user_recipe", path)
    module = importlib.util.module_from_spec(loaded)
    loaded.loader.exec_module(module)
    return getattr(module, function)()


def main(argv=None):
    parser = argparse.ArgumentParser(description="Record a golden gradient snapshot with PyTorch for AutoNet.Testing.")
    parser.add_argument("model", help=f"a built-in recipe ({', '.join(sorted(RECIPES))}) or path/to/file.py:function "
                                      "returning (module, loss_fn), loss_fn(module, batch) -> loss")
    parser.add_argument("--weights", required=True, help="the model's weights, written by AutoNet's model.Save(path)")
    parser.add_argument("--batch", required=True, help="the batch tensors, written by AutoNet's SafeTensors.Save(path, tensors)")
    parser.add_argument("--out", required=True, help="the snapshot to write (commit it beside the test)")
    parser.add_argument("--input", action="append", default=[], help="a batch tensor whose gradient to record (repeatable)")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)  # one summation order, so that re-recording gives the same bytes
    module, loss_fn = _recipe(args.model)
    loss = record(module, loss_fn, args.weights, args.batch, args.out, args.input, model_name=args.model)
    print(f"{args.out}: loss {loss!r} (torch {torch.__version__})")


if __name__ == "__main__":
    sys.exit(main())
