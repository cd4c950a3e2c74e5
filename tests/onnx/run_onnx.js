'use strict';
// Runs an ONNX model in onnxruntime for Loupe's export tests.
//   node run_onnx.js MODEL.onnx INPUT.f32 N C H W OUTPUT.f32
// INPUT.f32 holds N*C*H*W little-endian float32 values (NCHW); the first output is written the
// same way and its dims are printed as JSON on stdout.
const fs = require('fs');
const ort = require('onnxruntime-node');

async function main() {
  const args = process.argv.slice(2);
  if (args.length !== 7) throw new Error('usage: run_onnx.js MODEL INPUT.f32 N C H W OUTPUT.f32');
  const [model, inputPath, n, c, h, w, outputPath] = args;
  const dims = [n, c, h, w].map(Number);
  const raw = fs.readFileSync(inputPath);
  // Copy into a fresh buffer: Float32Array needs 4-byte alignment.
  const data = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length));
  if (data.length !== dims.reduce((a, b) => a * b, 1)) throw new Error('input size does not match N*C*H*W');
  const session = await ort.InferenceSession.create(model);
  const results = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', data, dims) });
  const out = results[session.outputNames[0]];
  fs.writeFileSync(outputPath, Buffer.from(out.data.buffer, out.data.byteOffset, out.data.byteLength));
  process.stdout.write(JSON.stringify({ dims: out.dims }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`run_onnx: ${e && e.message ? e.message : e}\n`);
  process.exit(1);
});
