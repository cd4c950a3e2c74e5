#pragma once
// Lazily loaded, cached thumbnails for the dataset browser. The encoded bytes are fetched on the
// UI thread (one blob read) and decoded + scaled on a small thread pool, so scrolling through
// 100k items never blocks on image decoding. Bounded memory: an LRU cache of scaled images.

#include <QCache>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QThreadPool>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/types.h"

namespace loupe::widgets {

struct MediaSource {
  std::vector<std::uint8_t> bytes;
  std::string format;
  int width = 0;
  int height = 0;
};

class ThumbnailCache : public QObject {
  Q_OBJECT

 public:
  using Fetch = std::function<std::optional<MediaSource>(Id itemId)>;

  // `edge` = longest side of a thumbnail in pixels; `capacity` = number of thumbnails kept.
  ThumbnailCache(int edge, int capacity, QObject* parent = nullptr);
  ~ThumbnailCache() override;

  void setFetch(Fetch fetch);
  // The thumbnail if decoded already; otherwise a null image, and decoding is scheduled
  // (ready(id) follows).
  QImage get(Id itemId);
  void clear();
  int edge() const { return edge_; }
  // Blocks until scheduled decodes have finished (tests, benchmarks).
  void waitForIdle();

 signals:
  void ready(loupe::Id itemId);

 private:
  int edge_;
  Fetch fetch_;
  QCache<Id, QImage> cache_;
  QSet<Id> pending_;
  QThreadPool pool_;
  int generation_ = 0;  // results from before clear() are dropped
};

}  // namespace loupe::widgets
