#pragma once
// Deterministic 96×96 test pictures: a colour gradient, a white disc and a black bar, placed by
// `variant`. Different variants are different pictures to a perceptual hash; `brighten` and
// JPEG re-encoding make the near-duplicates leakage checks must catch.

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace loupe::test {

inline cv::Mat sceneImage(int variant, double brighten = 0) {
  cv::Mat img(96, 96, CV_8UC3);
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x)
      img.at<cv::Vec3b>(y, x) = variant % 2 == 0 ? cv::Vec3b(x * 2, y * 2, 90) : cv::Vec3b(200 - y * 2, 60, x * 2);
  cv::circle(img, {20 + 11 * variant, 30 + 7 * variant}, 14 + variant, {255, 255, 255}, cv::FILLED);
  cv::rectangle(img, cv::Rect(60 - 9 * variant, 10 + 5 * variant, 20, 55), {0, 0, 0}, cv::FILLED);
  if (brighten != 0) img.convertTo(img, -1, 1.0, brighten);
  return img;
}

// ".png" or ".jpg" (quality 70, a typical lossy re-encode).
inline std::vector<std::uint8_t> encodeImage(const cv::Mat& img, const std::string& ext) {
  std::vector<std::uint8_t> bytes;
  std::vector<int> params;
  if (ext == ".jpg") params = {cv::IMWRITE_JPEG_QUALITY, 70};
  cv::imencode(ext, img, bytes, params);
  return bytes;
}

}  // namespace loupe::test
