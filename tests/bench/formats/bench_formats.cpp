// Reads a generated COCO JSON and a box CSV of 100,000 images / 300,000 boxes (the issue's
// import benchmark size) through readDataset and prints wall time and peak memory.
// Usage: bench_formats WORKDIR [images]   (writes WORKDIR/bench.json and WORKDIR/bench.csv)

#include <sys/resource.h>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/formats/registry.h"

namespace fs = std::filesystem;

namespace {

constexpr int kBoxesPerImage = 3;
constexpr int kWidth = 640, kHeight = 480;

// Deterministic box inside the image for (image, k).
void boxFor(long image, int k, double& x, double& y, double& w, double& h) {
  const long s = image * 7919 + k * 104729;
  w = 16 + s % 200;
  h = 16 + (s / 7) % 150;
  x = (s / 13) % (kWidth - static_cast<long>(w));
  y = (s / 17) % (kHeight - static_cast<long>(h));
  x += 0.25;
}

void generate(const fs::path& json, const fs::path& csv, long images) {
  std::ofstream j(json), c(csv);
  j << "{\"images\":[";
  for (long i = 0; i < images; ++i)
    j << (i ? "," : "") << "{\"id\":" << i + 1 << ",\"file_name\":\"img/" << i << ".jpg\",\"width\":" << kWidth
      << ",\"height\":" << kHeight << "}";
  j << "],\"categories\":[";
  for (int k = 0; k < 10; ++k) j << (k ? "," : "") << "{\"id\":" << k + 1 << ",\"name\":\"class" << k << "\"}";
  j << "],\"annotations\":[";
  c << "item,labeler,label,x,y,w,h,score\n";
  long id = 0;
  for (long i = 0; i < images; ++i)
    for (int k = 0; k < kBoxesPerImage; ++k) {
      double x, y, w, h;
      boxFor(i, k, x, y, w, h);
      const int cls = static_cast<int>((i + k) % 10);
      const bool first = id++ == 0;
      j << (first ? "" : ",") << "{\"id\":" << id << ",\"image_id\":" << i + 1 << ",\"category_id\":" << cls + 1
        << ",\"bbox\":[" << x << "," << y << "," << w << "," << h << "],\"area\":" << w * h
        << ",\"iscrowd\":0,\"score\":0.5}";
      c << "img/" << i << ".jpg,model,class" << cls << "," << x << "," << y << "," << w << "," << h << ",0.5\n";
    }
  j << "]}";
}

double peakMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// CPU time as well as wall time: on a shared machine the wall clock mostly measures the queue.
double cpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

struct Clock {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  double cpu = cpuSeconds();
  void print(const char* what, const char* format) const {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
    std::printf("%-5s %s: %.3f s wall, %.3f s CPU", format, what, seconds, cpuSeconds() - cpu);
  }
};

loupe::Dataset timeRead(const char* format, const fs::path& file) {
  const Clock clock;
  loupe::Dataset d = loupe::readDataset(format, file);
  clock.print("read ", format);
  std::printf("  (%zu images, %zu boxes, %.1f MB file)  peak RSS so far %.0f MiB\n", d.images.size(),
              d.annotations.size(), static_cast<double>(fs::file_size(file)) / 1e6, peakMiB());
  return d;
}

void timeWrite(const char* format, const loupe::Dataset& d, const fs::path& file) {
  const Clock clock;
  loupe::writeDataset(format, d, file);
  clock.print("write", format);
  std::printf("  peak RSS so far %.0f MiB\n", peakMiB());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_formats WORKDIR [images]\n");
    return 2;
  }
  const fs::path dir = argv[1];
  const long images = argc > 2 ? std::stol(argv[2]) : 100000;
  fs::create_directories(dir);
  generate(dir / "bench.json", dir / "bench.csv", images);
  try {
    timeWrite("csv", timeRead("csv", dir / "bench.csv"), dir / "out.csv");
    timeWrite("coco", timeRead("coco", dir / "bench.json"), dir / "out.json");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_formats: %s\n", e.what());
    return 1;
  }
  return 0;
}
