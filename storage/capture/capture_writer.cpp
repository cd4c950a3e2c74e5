#include "storage/capture/capture_writer.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <stdexcept>

namespace loupe::storage {

std::vector<std::uint8_t> encodePng(const CapturedFrame& f) {
  cv::Mat image;
  if (f.format == protocol::PixelFormat::Gray8) {
    image = cv::Mat(f.height, f.width, CV_8UC1, const_cast<std::uint8_t*>(f.pixels.data())).clone();
  } else {
    const cv::Mat rgb565(f.height, f.width, CV_8UC2, const_cast<std::uint8_t*>(f.pixels.data()));
    cv::cvtColor(rgb565, image, cv::COLOR_BGR5652BGR);
  }
  std::vector<std::uint8_t> png;
  if (!cv::imencode(".png", image, png)) throw std::runtime_error("could not encode frame " + std::to_string(f.frameId));
  return png;
}

storage::NewItem captureItem(const CapturedFrame& frame, const std::string& deviceId) {
  storage::NewItem item;
  const std::string stamp = storage::nowUtc();
  item.name = "capture-" + deviceId + "-" + stamp + "-" + std::to_string(frame.frameId);
  item.media = storage::NewMedia{encodePng(frame), {}, "png", {}};
  item.width = frame.width;
  item.height = frame.height;
  item.created = stamp;
  item.attributes = {{"device_id", deviceId},
                     {"frame_id", std::to_string(frame.frameId)},
                     {"board_timestamp_us", std::to_string(frame.timestampUs)}};
  return item;
}

Id storeCapture(storage::Project& project, const storage::NewItem& item, const CaptureContext& context) {
  storage::Capture c;
  c.deviceId = context.deviceId;
  c.item = item;
  storage::Project::Transaction tx(project);
  if (context.label) {
    c.labelClassId = project.ensureClass(*context.label).id;
    c.labelerId = project.ensureLabeler(context.labeler, LabelerKind::Human).id;
  }
  const Id id = project.addCapture(c);
  tx.commit();
  return id;
}

Id saveCapture(storage::Project& project, const CapturedFrame& frame, const CaptureContext& context) {
  return storeCapture(project, captureItem(frame, context.deviceId), context);
}

}  // namespace loupe::storage
