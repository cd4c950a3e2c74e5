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

Id storeCapture(storage::Project& project, const storage::NewItem& item, const CaptureContext& context,
                const FramePrediction* prediction) {
  storage::Capture c;
  c.deviceId = context.deviceId;
  c.item = item;
  storage::Project::Transaction tx(project);
  if (context.label) {
    c.labelClassId = project.classes().ensure(*context.label).id;
    c.labelerId = project.labelers().ensure(context.labeler, LabelerKind::Human).id;
  }
  const Id id = project.items().addCapture(c);
  if (prediction && !prediction->model.empty()) {
    const Labeler model = project.labelers().ensure(prediction->model, LabelerKind::Model);
    if (model.kind != LabelerKind::Model)
      throw std::invalid_argument("labeler '" + prediction->model + "' exists and is not a model labeler");
    for (const FrameDetection& d : prediction->boxes) {
      Annotation a;
      a.itemId = id;
      a.labelerId = model.id;
      a.classId = project.classes().ensure(d.label).id;
      a.kind = AnnotationKind::Box;
      a.box = d.box;
      a.score = d.score;
      project.annotations().add(a);
    }
  }
  tx.commit();
  return id;
}

Id saveCapture(storage::Project& project, const CapturedFrame& frame, const CaptureContext& context,
               const FramePrediction* prediction) {
  return storeCapture(project, captureItem(frame, context.deviceId), context, prediction);
}

}  // namespace loupe::storage
