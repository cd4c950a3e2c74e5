// `loupe device infer --port PORT --frames N --check P --model NAME [--json]`: the board's int8
// scores (a classifier) or detections (a detector) against the host runtime's on the very frames
// the board used.
#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "app/cli/device/device_common.h"
#include "firmware/inference/infer.h"

namespace loupe::app::cli::device {

std::function<int()> addInfer(CLI::App& device) {
  struct State : StreamArgs {
    std::string project, model;
  };
  auto s = std::make_shared<State>();
  s->frames = 20;
  auto* sub = device.add_subcommand("infer", "Compare on-board predictions with the host runtime on the same frames");
  addStreamArgs(*sub, *s);
  sub->add_option("--check", s->project, "Project holding the model")->required();
  sub->add_option("--model", s->model, "Model name in the project")->required();
  return [s] {
    const auto blob = loadModelBlob(s->project, s->model);
    auto host = std::make_unique<inference::FrameInference>();
    if (!host->load(blob.data(), blob.size()))
      throw std::runtime_error("model '" + s->model + "' cannot run on camera frames: " +
                               inference::fitName(inference::checkModel(blob.data(), blob.size())));
    Connection c = connect(s->port);
    serial_link::BoardSession& session = *c.session;
    const std::uint32_t want = host->model().id();
    if (session.device().modelCrc != want)
      throw std::runtime_error("the board runs model " + hex32(session.device().modelCrc) + ", not '" + s->model +
                               "' (" + hex32(want) + "): run `loupe device deploy` first");

    std::map<std::uint32_t, CapturedFrame> pending;  // frames awaiting their prediction
    std::uint64_t compared = 0, mismatches = 0, latencySum = 0, boxes = 0;
    auto take = [&](std::uint32_t frameId, std::uint32_t latencyUs, const auto& sameAsHost) {
      const auto it = pending.find(frameId);
      if (it == pending.end()) return;
      const CapturedFrame& f = it->second;
      ++compared;
      mismatches += sameAsHost(inference::FrameInfo{f.width, f.height, f.format}, f.pixels.data()) ? 0 : 1;
      latencySum += latencyUs;
      pending.erase(it);
    };
    QObject::connect(&session, &serial_link::BoardSession::frameReceived,
                     [&](const CapturedFrame& f) { pending[f.frameId] = f; });
    QObject::connect(&session, &serial_link::BoardSession::inferenceReceived, [&](const serial_link::BoardInference& r) {
      take(r.frameId, r.latencyUs, [&](const inference::FrameInfo& frame, const std::uint8_t* pixels) {
        inference::Scores mine;
        return host->run(pixels, frame, mine) && r.scores.size() == mine.count &&
               std::equal(r.scores.begin(), r.scores.end(), mine.q) && r.zeroPoint == mine.zeroPoint &&
               r.scale == mine.scale;
      });
    });
    // A detector: the board's list of boxes against the host's, record for record.
    QObject::connect(&session, &serial_link::BoardSession::detectionsReceived, [&](const serial_link::BoardDetections& r) {
      boxes += r.detections.size();
      take(r.frameId, r.latencyUs, [&](const inference::FrameInfo& frame, const std::uint8_t* pixels) {
        auto mine = std::make_unique<inference::Detections>();
        if (!host->detect(pixels, frame, *mine) || mine->count != r.detections.size() || mine->gridW != r.gridW ||
            mine->gridH != r.gridH || mine->scale != r.scale || mine->zeroPoint != r.zeroPoint)
          return false;
        for (std::size_t i = 0; i < mine->count; ++i)
          if (!(inference::wireRecord(mine->d[i]) == r.detections[i])) return false;
        return true;
      });
    });
    streamFrames(session, *s, [&] { return compared; }, "compared");
    nlohmann::json out{{"frames", session.stats().frames},
                       {"compared", compared},
                       {"mismatches", mismatches},
                       {"model_hash", hex32(want)},
                       {"kind", host->isDetector() ? "detections" : "scores"},
                       {"mean_latency_us", compared ? static_cast<double>(latencySum) / static_cast<double>(compared) : 0.0}};
    if (host->isDetector()) out["boxes"] = boxes;
    if (s->json)
      std::cout << out.dump(2) << "\n";
    else
      std::cout << compared << " frames compared, " << mismatches << " mismatches\n";
    return mismatches == 0 ? 0 : 1;
  };
}

}  // namespace loupe::app::cli::device
