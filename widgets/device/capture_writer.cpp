#include "widgets/device/capture_writer.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <stdexcept>

namespace loupe::device {

std::vector<std::uint8_t> encodePng(const link::CapturedFrame& f) {
  cv::Mat image;
  if (f.format == proto::PixelFormat::Gray8) {
    image = cv::Mat(f.height, f.width, CV_8UC1, const_cast<std::uint8_t*>(f.pixels.data())).clone();
  } else {
    const cv::Mat rgb565(f.height, f.width, CV_8UC2, const_cast<std::uint8_t*>(f.pixels.data()));
    cv::cvtColor(rgb565, image, cv::COLOR_BGR5652BGR);
  }
  std::vector<std::uint8_t> png;
  if (!cv::imencode(".png", image, png)) throw std::runtime_error("could not encode frame " + std::to_string(f.frameId));
  return png;
}

Id saveCapture(storage::Project& project, const link::CapturedFrame& frame, const CaptureContext& context) {
  storage::Capture c;
  c.deviceId = context.deviceId;
  const std::string stamp = storage::nowUtc();
  c.item.name = "capture-" + context.deviceId + "-" + stamp + "-" + std::to_string(frame.frameId);
  c.item.media = storage::NewMedia{encodePng(frame), {}, "png", {}};
  c.item.width = frame.width;
  c.item.height = frame.height;
  c.item.created = stamp;
  c.item.attributes = {{"device_id", context.deviceId},
                       {"frame_id", std::to_string(frame.frameId)},
                       {"board_timestamp_us", std::to_string(frame.timestampUs)}};
  if (context.label) {
    storage::Project::Transaction tx(project);
    c.labelClassId = project.ensureClass(*context.label).id;
    c.labelerId = project.ensureLabeler(context.labeler, LabelerKind::Human).id;
    const Id id = project.addCapture(c);
    tx.commit();
    return id;
  }
  return project.addCapture(c);
}

}  // namespace loupe::device
