// bench_import generate DIR [ITEMS] [BOXES]  writes DIR/boxes.json (COCO) and DIR/boxes.csv
//                                            (item,labeler,label,x,y,w,h) with the same boxes
// bench_import import FORMAT FILE P          creates P and imports FILE: the calls `loupe new` +
//                                            `loupe import` make, timed per phase, with peak RSS
// bench_import create P                      an empty project (the floor's target)
// bench_import open P                        time to open a project, count items, and `info`'s stats
// One process per measurement so each peak RSS (getrusage ru_maxrss) is that step's own.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>
#include <sys/resource.h>

#include "core/formats/registry.h"
#include "storage/transfer/import.h"

#include "storage/project.h"

namespace fs = std::filesystem;

namespace {
const char* const kClasses[] = {"person", "bicycle", "car", "dog", "cat", "bird", "bottle", "chair"};

void generate(const fs::path& dir, int items, int boxes) {
  fs::create_directories(dir);
  std::mt19937_64 rng(7);
  std::ofstream json(dir / "boxes.json");
  std::ofstream csv(dir / "boxes.csv");
  csv << "item,labeler,label,x,y,w,h\n";
  json << "{\"images\":[";
  for (int i = 0; i < items; ++i)
    json << (i ? "," : "") << "{\"id\":" << i + 1 << ",\"file_name\":\"img/" << i
         << ".jpg\",\"width\":640,\"height\":480}";
  json << "],\"categories\":[";
  for (int c = 0; c < 8; ++c) json << (c ? "," : "") << "{\"id\":" << c + 1 << ",\"name\":\"" << kClasses[c] << "\"}";
  json << "],\"annotations\":[";
  char buf[64];
  for (int b = 0; b < boxes; ++b) {
    const int item = b % items;
    const int cls = static_cast<int>(rng() % 8);
    const double w = 8 + static_cast<double>(rng() % 20000) / 100.0;
    const double h = 8 + static_cast<double>(rng() % 20000) / 100.0;
    const double x = static_cast<double>(rng() % static_cast<std::uint64_t>((640 - w) * 100)) / 100.0;
    const double y = static_cast<double>(rng() % static_cast<std::uint64_t>((480 - h) * 100)) / 100.0;
    std::snprintf(buf, sizeof buf, "%.2f,%.2f,%.2f,%.2f", x, y, w, h);
    json << (b ? "," : "") << "{\"id\":" << b + 1 << ",\"image_id\":" << item + 1 << ",\"category_id\":" << cls + 1
         << ",\"bbox\":[" << buf << "]}";
    csv << "img/" << item << ".jpg,ann," << kClasses[cls] << "," << buf << "\n";
  }
  json << "]}\n";
}

long peakKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// User + system CPU time of this process: the machine may be shared, wall time alone misleads.
double cpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return s(usage.ru_utime) + s(usage.ru_stime);
}

double seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}
}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::string(argv[1]) == "generate") {
    generate(argv[2], argc > 3 ? std::atoi(argv[3]) : 100000, argc > 4 ? std::atoi(argv[4]) : 300000);
    return 0;
  }
  if (argc == 5 && std::string(argv[1]) == "import") {
    const std::string format = argv[2];
    const auto t0 = std::chrono::steady_clock::now();
    const loupe::Dataset dataset = loupe::readDataset(format, argv[3]);
    const double readS = seconds(t0);
    const auto t1 = std::chrono::steady_clock::now();
    // Held in an optional so closing (SQLite's checkpoint of the WAL into the file) is timed too,
    // as it is in the sqlite3 floor.
    std::optional<loupe::storage::Project> project;
    project.emplace(fs::exists(argv[4]) ? loupe::storage::Project::open(argv[4])
                                        : loupe::storage::Project::create(argv[4]));
    loupe::storage::ImportOptions options;
    options.source = "import:" + format;
    options.sourceFile = argv[3];
    // Seconds per import stage, taken from the stage names the progress callback reports.
    std::vector<std::pair<std::string, double>> stages;
    auto stageStart = std::chrono::steady_clock::now();
    loupe::Progress progress;
    progress.report = [&](std::int64_t, std::int64_t, const std::string& stage) {
      if (!stages.empty() && stages.back().first == stage) return;
      const auto now = std::chrono::steady_clock::now();
      if (!stages.empty()) stages.back().second = std::chrono::duration<double>(now - stageStart).count();
      stages.emplace_back(stage, 0.0);
      stageStart = now;
    };
    const auto report = loupe::storage::importDataset(*project, dataset, options, progress);
    if (!stages.empty()) stages.back().second = seconds(stageStart);
    const auto closeStart = std::chrono::steady_clock::now();
    project.reset();
    stages.emplace_back("closing", seconds(closeStart));
    const double writeS = seconds(t1);
    std::printf("total_s=%.3f read_s=%.3f write_s=%.3f cpu_s=%.3f peak_kb=%ld items_added=%lld annotations_added=%lld",
                readS + writeS, readS, writeS, cpuSeconds(), peakKb(), static_cast<long long>(report.itemsAdded),
                static_cast<long long>(report.annotationsAdded));
    for (const auto& [stage, s] : stages) std::printf(" [%s %.3f]", stage.c_str(), s);
    std::printf("\n");
    return 0;
  }
  if (argc == 3 && std::string(argv[1]) == "create") {
    loupe::storage::Project::create(argv[2]);
    return 0;
  }
  if (argc == 3 && std::string(argv[1]) == "open") {
    const auto t0 = std::chrono::steady_clock::now();
    const auto project = loupe::storage::Project::open(argv[2]);
    const auto items = project.items().count();
    const double openS = seconds(t0);
    const auto t1 = std::chrono::steady_clock::now();
    const auto stats = project.stats();
    const double statsS = seconds(t1);
    std::printf("open_s=%.4f items=%lld info_stats_s=%.4f boxes=%lld peak_kb=%ld\n", openS,
                static_cast<long long>(items), statsS, static_cast<long long>(stats.boxes), peakKb());
    return 0;
  }
  std::fprintf(stderr, "usage: bench_import generate DIR [ITEMS] [BOXES] | import FORMAT FILE PROJECT | create PROJECT | open PROJECT\n");
  return 2;
}
