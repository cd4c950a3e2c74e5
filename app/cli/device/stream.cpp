// `loupe device stream --port PORT --frames N [--save-to P --label C] [--json]`
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "app/cli/device/device_common.h"
#include "storage/project.h"
#include "storage/capture/capture_writer.h"

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

    std::uint64_t saved = 0, inferences = 0, latencySum = 0;
    QObject::connect(&session, &serial_link::BoardSession::frameReceived, [&](const CapturedFrame& f) {
      if (project) {
        loupe::storage::saveCapture(*project, f, context);
        ++saved;
      }
    });
    QObject::connect(&session, &serial_link::BoardSession::inferenceReceived, [&](const serial_link::BoardInference& r) {
      ++inferences;
      latencySum += r.latencyUs;
    });
    streamFrames(session, *s, [&] { return session.stats().frames; }, "received");
    // The last frame's prediction follows its pixels; give it a moment.
    if (session.device().modelSize > 0) session.waitUntil([&] { return inferences >= s->frames; }, 1000);
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
