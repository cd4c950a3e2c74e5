#!/usr/bin/python3
"""Runs a .tflite file in Arm NN (pyarmnn, the TfLite parser and the CpuRef backend).

Usage: run_armnn.py MODEL.tflite IN.bin COUNT OUT.bin
IN.bin holds COUNT inputs back to back in the model input's own element type; OUT.bin gets the
COUNT outputs in the output's type. Arm NN asserts (aborts) on some unsupported layers instead of
raising, which is why the tests run it in a process of its own.
"""
import sys

import numpy as np
import pyarmnn as ann

DTYPES = {ann.DataType_QAsymmS8: np.int8, ann.DataType_Float32: np.float32}


def main(model, inputs, count, outputs):
    parser = ann.ITfLiteParser()
    network = parser.CreateNetworkFromBinaryFile(model)
    in_info = parser.GetNetworkInputBindingInfo(0, parser.GetSubgraphInputTensorNames(0)[0])
    out_info = parser.GetNetworkOutputBindingInfo(0, parser.GetSubgraphOutputTensorNames(0)[0])
    runtime = ann.IRuntime(ann.CreationOptions())
    optimized, messages = ann.Optimize(network, [ann.BackendId("CpuRef")], runtime.GetDeviceSpec(),
                                       ann.OptimizerOptions())
    net_id, _ = runtime.LoadNetwork(optimized)
    in_type = DTYPES[in_info[1].GetDataType()]
    shape = [in_info[1].GetShape()[i] for i in range(in_info[1].GetNumDimensions())]
    data = np.fromfile(inputs, dtype=in_type).reshape([count] + shape[1:])
    results = []
    for n in range(count):
        input_tensors = ann.make_input_tensors([in_info], [data[n:n + 1]])
        output_tensors = ann.make_output_tensors([out_info])
        runtime.EnqueueWorkload(net_id, input_tensors, output_tensors)
        results.append(ann.workload_tensors_to_ndarray(output_tensors)[0].reshape(-1))
    np.concatenate(results).tofile(outputs)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4])
