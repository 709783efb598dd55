"""The safetensors format by hand (https://github.com/huggingface/safetensors, "Format"), for float32 tensors:
an unsigned 64-bit little-endian header size, a UTF-8 JSON header {name: {dtype, shape, data_offsets}} with an
optional "__metadata__" of strings, then the tensors' bytes. With the `safetensors` package installed,
safetensors.torch.save_file / load_file do the same."""
import json
import struct

import numpy as np
import torch


def save(state_dict, path, metadata=None):
    header, blobs, offset = {}, [], 0
    for name, tensor in state_dict.items():
        data = tensor.detach().cpu().contiguous().to(torch.float32).numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def load(path):
    """(state dict of float32 tensors, metadata) of a safetensors file."""
    with open(path, "rb") as f:
        (size,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(size))
        data = f.read()
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, entry in header.items():
        assert entry["dtype"] == "F32", name + " is " + entry["dtype"] + ", only F32 is read here"
        begin, end = entry["data_offsets"]
        array = np.frombuffer(data[begin:end], dtype="<f4").reshape(entry["shape"])
        tensors[name] = torch.from_numpy(array.copy())
    return tensors, metadata
