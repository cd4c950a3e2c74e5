#include "core/nn/image_input.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <stdexcept>

namespace loupe::nn {

std::vector<std::uint8_t> mediaToInput(std::span<const std::uint8_t> bytes, const std::string& format, int width,
                                       int height, const Shape& input) {
  if (input.c != 1 && input.c != 3) throw std::invalid_argument("network input must have 1 or 3 channels");
  cv::Mat image;
  if (format == "raw-gray8") {
    if (width <= 0 || height <= 0 || bytes.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height))
      throw std::invalid_argument("raw-gray8 media has " + std::to_string(bytes.size()) + " bytes, expected " +
                                  std::to_string(width) + "x" + std::to_string(height));
    image = cv::Mat(height, width, CV_8UC1, const_cast<std::uint8_t*>(bytes.data())).clone();
    if (input.c == 3) cv::cvtColor(image, image, cv::COLOR_GRAY2RGB);
  } else {
    const cv::Mat encoded(1, static_cast<int>(bytes.size()), CV_8UC1, const_cast<std::uint8_t*>(bytes.data()));
    image = cv::imdecode(encoded, input.c == 1 ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR);
    if (image.empty()) throw std::invalid_argument("cannot decode " + (format.empty() ? "image" : format) + " media");
    if (input.c == 3) cv::cvtColor(image, image, cv::COLOR_BGR2RGB);
  }
  if (image.cols != input.w || image.rows != input.h) {
    const bool shrinking = image.cols > input.w || image.rows > input.h;
    cv::resize(image, image, cv::Size(input.w, input.h), 0, 0, shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
  }
  if (!image.isContinuous()) image = image.clone();
  return {image.data, image.data + static_cast<std::size_t>(input.size())};
}

}  // namespace loupe::nn
