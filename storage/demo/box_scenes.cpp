#include "storage/demo/box_scenes.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

#include "core/analysis/box_iou.h"
#include "storage/demo/simulated_labels.h"

namespace loupe::storage::demo {
namespace {

constexpr int kN = kSceneSide;
constexpr const char* kBackgrounds[] = {"flat", "gradient", "noise", "texture"};

std::uint8_t clampBackground(int v) { return static_cast<std::uint8_t>(std::clamp(v, 0, int{kBackgroundMax})); }

// Integer arithmetic only, so every platform draws the same bytes.
void drawBackground(int kind, std::vector<std::uint8_t>& g, std::mt19937_64& rng) {
  if (kind == 0) {
    std::fill(g.begin(), g.end(), clampBackground(between(rng, 10, 80)));
  } else if (kind == 1) {
    const int a = between(rng, 0, kBackgroundMax), b = between(rng, 0, kBackgroundMax), dir = between(rng, 0, 2);
    for (int y = 0; y < kN; ++y)
      for (int x = 0; x < kN; ++x) {
        const int num = dir == 0 ? x : dir == 1 ? y : x + y, den = dir == 2 ? 2 * (kN - 1) : kN - 1;
        g[static_cast<std::size_t>(y * kN + x)] = clampBackground(a + (b - a) * num / den);
      }
  } else if (kind == 2) {
    const int mean = between(rng, 25, 65);
    for (auto& v : g) {
      int noise = 0;
      for (int k = 0; k < 4; ++k) noise += between(rng, -12, 12);
      v = clampBackground(mean + noise);
    }
  } else {
    const int period = between(rng, 4, 12), lo = between(rng, 0, 40), hi = std::min(lo + between(rng, 20, 50), 90);
    const int pattern = between(rng, 0, 2);  // checker, stripes, diagonal stripes
    for (int y = 0; y < kN; ++y)
      for (int x = 0; x < kN; ++x) {
        const int cell = pattern == 0 ? x / period + y / period : pattern == 1 ? x / period : (x + y) / period;
        g[static_cast<std::size_t>(y * kN + x)] = clampBackground(cell % 2 ? hi : lo);
      }
  }
}

struct Patch {
  cv::Mat gray;         // the scaled article
  int x0, y0, x1, y1;   // tight box of its ink, inclusive pixel indices
};

Patch scaledArticle(const Article& a, double scale) {
  const cv::Mat src(kArticleSide, kArticleSide, CV_8UC1, const_cast<std::uint8_t*>(a.pixels));
  const int side = static_cast<int>(std::lround(kArticleSide * scale));
  Patch p;
  cv::resize(src, p.gray, cv::Size(side, side), 0, 0, cv::INTER_LINEAR);
  p.x0 = side, p.y0 = side, p.x1 = -1, p.y1 = -1;
  for (int y = 0; y < side; ++y)
    for (int x = 0; x < side; ++x)
      if (p.gray.at<std::uint8_t>(y, x) > kInkThreshold) {
        p.x0 = std::min(p.x0, x), p.y0 = std::min(p.y0, y);
        p.x1 = std::max(p.x1, x), p.y1 = std::max(p.y1, y);
      }
  return p;
}

}  // namespace

Scene composeScene(const std::vector<Article>& pool, std::mt19937_64& rng) {
  Scene s;
  s.gray.assign(static_cast<std::size_t>(kN * kN), 0);
  const int kind = between(rng, 0, 3);
  s.background = kBackgrounds[kind];
  drawBackground(kind, s.gray, rng);

  // Distinct articles: a partial Fisher-Yates shuffle of the pool's indices.
  const int wanted = std::min<int>(between(rng, 1, 5), static_cast<int>(pool.size()));
  std::vector<std::size_t> order(pool.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (int i = 0; i < wanted; ++i)
    std::swap(order[static_cast<std::size_t>(i)],
              order[static_cast<std::size_t>(between(rng, i, static_cast<int>(order.size()) - 1))]);

  std::vector<std::uint8_t> taken(static_cast<std::size_t>(kN * kN), 0);  // ink of placed articles, grown by 1 px
  for (int i = 0; i < wanted; ++i) {
    const std::size_t index = order[static_cast<std::size_t>(i)];
    const double scale = 0.6 + unit(rng);
    const Patch p = scaledArticle(pool[index], scale);
    if (p.x1 < 0) continue;  // no ink at all
    const int side = p.gray.cols;
    for (int attempt = 0; attempt < 60; ++attempt) {
      // The article's box lies inside the scene; its faint surround may fall outside.
      const int ox = between(rng, -p.x0, kN - 1 - p.x1), oy = between(rng, -p.y0, kN - 1 - p.y1);
      const Box box{double(ox + p.x0), double(oy + p.y0), double(p.x1 - p.x0 + 1), double(p.y1 - p.y0 + 1)};
      bool fits = true;
      for (const auto& o : s.objects) fits = fits && analysis::iou(box, o.box) <= 0.15;
      for (int y = p.y0; fits && y <= p.y1; ++y)
        for (int x = p.x0; fits && x <= p.x1; ++x)
          fits = p.gray.at<std::uint8_t>(y, x) <= kInkThreshold || !taken[static_cast<std::size_t>((oy + y) * kN + ox + x)];
      if (!fits) continue;
      for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
          const int v = p.gray.at<std::uint8_t>(y, x), sx = ox + x, sy = oy + y;
          if (v <= kInkThreshold || sx < 0 || sy < 0 || sx >= kN || sy >= kN) continue;
          s.gray[static_cast<std::size_t>(sy * kN + sx)] = static_cast<std::uint8_t>(kArticleMin + v * (255 - kArticleMin) / 255);
          for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx)
              if (sx + dx >= 0 && sy + dy >= 0 && sx + dx < kN && sy + dy < kN)
                taken[static_cast<std::size_t>((sy + dy) * kN + sx + dx)] = 1;
        }
      s.objects.push_back({index, pool[index].className, box, scale});
      break;
    }
  }
  return s;
}

std::string crowding(const Scene& scene) {
  const auto n = scene.objects.size();
  return n <= 1 ? "single" : n <= 3 ? "few" : "crowded";
}

std::string objectSize(const Scene& scene) {
  double sum = 0;
  for (const auto& o : scene.objects) sum += std::max(o.box.w, o.box.h);
  const double mean = scene.objects.empty() ? 0 : sum / static_cast<double>(scene.objects.size());
  return mean < 24 ? "small" : mean < 34 ? "medium" : "large";
}

}  // namespace loupe::storage::demo
