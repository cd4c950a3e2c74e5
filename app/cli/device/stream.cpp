// `loupe device stream --port PORT --frames N [--save-to P --label C] [--json]`: with a detector
// on the board, saved frames carry its boxes as the deployed model's (shadow mode).
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "app/cli/device/device_common.h"
#include "storage/project.h"
#include "serial_link/board_detections.h"
#include "storage/capture/capture_writer.h"
#include "storage/deploy/deployable_model.h"

namespace loupe::app::cli::device {

std::function<int()> addStream(CLI::App& device) {
  struct State : StreamArgs {
    std::string saveTo, label, labeler = "capture";
  };
  auto s = std::make_shared<State>();
  auto* sub = device.add_subcommand("stream", "Stream camera frames (and on-board predictions); optionally save them");
  addStreamArgs(*sub, *s);
  sub->add_option("--save-to", s->saveTo, "Project to save the frames into as device captures");
  sub->add_option("--label", s->label, "Class to label the saved frames with")->needs("--save-to");
  sub->add_option("--labeler", s->labeler, "Labeler the capture label is attributed to")->needs("--label");
  return [s] {
    std::optional<storage::Project> project;
    if (!s->saveTo.empty()) project = storage::Project::open(s->saveTo);
    Connection c = connect(s->port);
    serial_link::BoardSession& session = *c.session;
    loupe::storage::CaptureContext context;
    context.deviceId = session.device().deviceId;
    if (!s->label.empty()) context.label = s->label;
    context.labeler = s->labeler;

    // Shadow mode: a detector's boxes for a saved frame are stored as that model's boxes. They
    // follow the frame's pixels, so a frame is held until they come (or the next frame does).
    std::vector<std::string> classNames;
    const std::string model = session.device().modelId;
    if (project && !model.empty()) {
      try {
        classNames = storage::deployableModel(*project, model).labels;
      } catch (const std::exception&) {
        // A model from elsewhere: its classes are stored as "class k".
      }
    }
    std::optional<CapturedFrame> held;
    std::uint64_t saved = 0, inferences = 0, latencySum = 0, boxes = 0;
    auto save = [&](const FramePrediction* prediction) {
      if (!held) return;
      loupe::storage::saveCapture(*project, *held, context, prediction);
      held.reset();
      ++saved;
    };
    QObject::connect(&session, &serial_link::BoardSession::frameReceived, [&](const CapturedFrame& f) {
      if (!project) return;
      save(nullptr);
      held = f;
    });
    QObject::connect(&session, &serial_link::BoardSession::inferenceReceived, [&](const serial_link::BoardInference& r) {
      ++inferences;
      latencySum += r.latencyUs;
      if (held && held->frameId == r.frameId) save(nullptr);
    });
    QObject::connect(&session, &serial_link::BoardSession::detectionsReceived, [&](const serial_link::BoardDetections& r) {
      ++inferences;
      latencySum += r.latencyUs;
      boxes += r.detections.size();
      if (!held || held->frameId != r.frameId) return;
      const FramePrediction prediction{model, serial_link::frameDetections(r, held->width, held->height, classNames)};
      save(&prediction);
    });
    streamFrames(session, *s, [&] { return session.stats().frames; }, "received");
    // The last frame's prediction follows its pixels; give it a moment.
    if (session.device().modelSize > 0) session.waitUntil([&] { return inferences >= s->frames; }, 1000);
    save(nullptr);
    const serial_link::LinkStats st = session.stats();
    nlohmann::json out{{"frames", st.frames},
                       {"crc_errors", st.crcErrors},
                       {"dropped", st.dropped},
                       {"fps", st.fps},
                       {"bytes_per_s", st.bytesPerSecond},
                       {"malformed", st.malformed},
                       {"sequence_gaps", st.sequenceGaps},
                       {"rejected", st.rejected},
                       {"reconnects", st.reconnects},
                       {"saved", saved},
                       {"inferences", inferences},
                       {"boxes", boxes},
                       {"mean_latency_us", inferences ? static_cast<double>(latencySum) / static_cast<double>(inferences) : 0.0},
                       {"device_id", session.device().deviceId}};
    if (s->json)
      std::cout << out.dump(2) << "\n";
    else
      std::cout << st.frames << " frames, " << st.fps << " fps, " << st.bytesPerSecond / 1024 << " KiB/s, "
                << st.crcErrors << " CRC errors, " << st.dropped << " dropped, " << saved << " saved\n";
    return 0;
  };
}

}  // namespace loupe::app::cli::device
