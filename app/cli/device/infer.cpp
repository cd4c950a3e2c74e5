// `loupe device infer --port PORT --frames N --check P --model NAME [--json]`: the board's int8
// scores against the host runtime's on the very frames the board used.
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
    std::uint64_t compared = 0, mismatches = 0, latencySum = 0;
    QObject::connect(&session, &serial_link::BoardSession::frameReceived,
                     [&](const CapturedFrame& f) { pending[f.frameId] = f; });
    QObject::connect(&session, &serial_link::BoardSession::inferenceReceived, [&](const serial_link::BoardInference& r) {
      const auto it = pending.find(r.frameId);
      if (it == pending.end()) return;
      inference::Scores mine;
      const CapturedFrame& f = it->second;
      const bool ran = host->run(f.pixels.data(), {f.width, f.height, f.format}, mine);
      const bool same = ran && r.scores.size() == mine.count &&
                        std::equal(r.scores.begin(), r.scores.end(), mine.q) && r.zeroPoint == mine.zeroPoint &&
                        r.scale == mine.scale;
      ++compared;
      mismatches += same ? 0 : 1;
      latencySum += r.latencyUs;
      pending.erase(it);
    });
    streamFrames(session, *s, [&] { return compared; }, "compared");
    nlohmann::json out{{"frames", session.stats().frames},
                       {"compared", compared},
                       {"mismatches", mismatches},
                       {"model_hash", hex32(want)},
                       {"mean_latency_us", static_cast<double>(latencySum) / static_cast<double>(compared)}};
    if (s->json)
      std::cout << out.dump(2) << "\n";
    else
      std::cout << compared << " frames compared, " << mismatches << " mismatches\n";
    return mismatches == 0 ? 0 : 1;
  };
}

}  // namespace loupe::app::cli::device
