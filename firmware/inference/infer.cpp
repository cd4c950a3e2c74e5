#include "firmware/inference/infer.h"

#include <cmath>

namespace loupe::inference {
namespace {

// Gray level of one pixel; RGB565 uses the ITU-R BT.601 weights in 8-bit fixed point.
std::uint8_t grayAt(const std::uint8_t* pixels, std::size_t index, protocol::PixelFormat format) {
  if (format == protocol::PixelFormat::Gray8) return pixels[index];
  const unsigned v = pixels[2 * index] | (pixels[2 * index + 1] << 8);  // little-endian RGB565
  const unsigned r = ((v >> 11) & 0x1F) * 255 / 31;
  const unsigned g = ((v >> 5) & 0x3F) * 255 / 63;
  const unsigned b = (v & 0x1F) * 255 / 31;
  return static_cast<std::uint8_t>((r * 77 + g * 150 + b * 29) >> 8);
}

}  // namespace

Fit checkModel(const std::uint8_t* blob, std::size_t size) {
  loupe::runtime::Model m;
  if (m.load(blob, size) != loupe::runtime::Status::Ok) return Fit::Invalid;
  const loupe::runtime::TensorShape out = m.outputShape();
  if (out.h * out.w > 1) {
    if (!isGridOutput(out) || static_cast<std::size_t>(out.size()) > kMaxOutputBytes) return Fit::GridTooLarge;
  } else if (static_cast<std::size_t>(out.size()) > kMaxClasses) {
    return Fit::TooManyClasses;
  }
  if (static_cast<std::size_t>(m.inputShape().size()) > kMaxInputBytes) return Fit::InputTooLarge;
  if (loupe::runtime::requiredArenaBytes(m) > kArenaBytes) return Fit::ArenaTooSmall;
  return Fit::Ok;
}

const char* fitName(Fit f) {
  switch (f) {
    case Fit::Ok: return "ok";
    case Fit::Invalid: return "not a valid model blob";
    case Fit::TooManyClasses: return "more outputs than the board reports";
    case Fit::InputTooLarge: return "input larger than the board's input buffer";
    case Fit::ArenaTooSmall: return "activations larger than the board's arena";
    case Fit::GridTooLarge: return "detector grid larger than the board's output buffer";
  }
  return "?";
}

protocol::DetectionRecord wireRecord(const GridDetection& d) {
  return {d.cls, d.score, d.col0, d.row0, d.col1, d.row1, d.cx256, d.cy256};
}

bool FrameInference::load(const std::uint8_t* blob, std::size_t size) {
  loaded_ = false;
  if (checkModel(blob, size) != Fit::Ok) return false;
  if (model_.load(blob, size) != loupe::runtime::Status::Ok) return false;
  // Loupe networks see x = (pixel - 128) / 128; map each gray level to the model's int8 input.
  // Double precision is correctly rounded everywhere (soft-float on the M4), so host and board
  // build the same table.
  const double scale = static_cast<double>(model_.inputScale());
  const int zp = model_.inputZeroPoint();
  for (int p = 0; p < 256; ++p) {
    const double x = (p - 128) / 128.0;
    long q = std::lround(x / scale) + zp;
    q = q < -128 ? -128 : (q > 127 ? 127 : q);
    lut_[p] = static_cast<std::int8_t>(q);
  }
  const loupe::runtime::TensorShape out = model_.outputShape();
  detector_ = out.h * out.w > 1;
  backgroundMax_ = backgroundCeiling(kDetectionThreshold, model_.outputScale(), model_.outputZeroPoint());
  loaded_ = true;
  return true;
}

bool FrameInference::run(const std::uint8_t* pixels, const FrameInfo& frame, Scores& out) {
  if (!loaded_ || detector_ || !invoke(pixels, frame)) return false;
  const auto count = static_cast<std::size_t>(model_.outputShape().size());
  for (std::size_t i = 0; i < count; ++i) out.q[i] = output_[i];
  out.count = static_cast<std::uint8_t>(count);
  out.scale = model_.outputScale();
  out.zeroPoint = model_.outputZeroPoint();
  return true;
}

bool FrameInference::detect(const std::uint8_t* pixels, const FrameInfo& frame, Detections& out) {
  if (!loaded_ || !detector_ || !invoke(pixels, frame)) return false;
  out.scale = model_.outputScale();
  out.zeroPoint = model_.outputZeroPoint();
  return grid_.decode(output_, model_.outputShape(), backgroundMax_, out);
}

bool FrameInference::invoke(const std::uint8_t* pixels, const FrameInfo& frame) {
  if (frame.width == 0 || frame.height == 0) return false;
  const loupe::runtime::TensorShape in = model_.inputShape();
  // Nearest-neighbour resize in integer arithmetic: a centred sample of the frame per input pixel.
  for (int y = 0; y < in.h; ++y) {
    const std::size_t sy = (static_cast<std::size_t>(2 * y + 1) * frame.height) / (2 * static_cast<std::size_t>(in.h));
    for (int x = 0; x < in.w; ++x) {
      const std::size_t sx = (static_cast<std::size_t>(2 * x + 1) * frame.width) / (2 * static_cast<std::size_t>(in.w));
      const std::int8_t v = lut_[grayAt(pixels, sy * frame.width + sx, frame.format)];
      for (int c = 0; c < in.c; ++c) input_[(y * in.w + x) * in.c + c] = v;
    }
  }
  loupe::runtime::Interpreter interp(model_, arena_, sizeof arena_);
  if (interp.status() != loupe::runtime::Status::Ok) return false;
  return interp.invoke(input_, output_) == loupe::runtime::Status::Ok;
}

}  // namespace loupe::inference
