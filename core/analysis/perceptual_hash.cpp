#include "core/analysis/perceptual_hash.h"

#include <bit>
#include <stdexcept>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/img_hash.hpp>

namespace loupe::analysis {
namespace {

std::uint64_t hashOf(const cv::Mat& image) {
  cv::Mat hash;
  cv::img_hash::PHash::create()->compute(image, hash);
  std::uint64_t out = 0;
  for (int i = 0; i < hash.cols; ++i) out = (out << 8) | hash.at<std::uint8_t>(0, i);
  return out;
}

}  // namespace

std::uint64_t perceptualHashOfEncoded(const std::vector<std::uint8_t>& encoded) {
  const cv::Mat image = cv::imdecode(encoded, cv::IMREAD_COLOR);
  if (image.empty()) throw std::runtime_error("cannot decode image for a perceptual hash");
  return hashOf(image);
}

std::uint64_t perceptualHashOfGray(const std::uint8_t* pixels, int width, int height) {
  if (!pixels || width <= 0 || height <= 0) throw std::runtime_error("empty image for a perceptual hash");
  // PHash wants 3 or 4 channels, or one; a grey Mat is accepted as is.
  const cv::Mat grey(height, width, CV_8UC1, const_cast<std::uint8_t*>(pixels));
  return hashOf(grey);
}

int hammingDistance(std::uint64_t a, std::uint64_t b) { return std::popcount(a ^ b); }

}  // namespace loupe::analysis
