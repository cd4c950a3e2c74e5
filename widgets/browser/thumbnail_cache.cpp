#include "widgets/browser/thumbnail_cache.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include "widgets/session/media_image.h"

namespace loupe::widgets {

ThumbnailCache::ThumbnailCache(int edge, int capacity, QObject* parent)
    : QObject(parent), edge_(edge), cache_(capacity) {
  // Leave a core for the UI thread.
  pool_.setMaxThreadCount(std::max(1, QThread::idealThreadCount() - 1));
}

ThumbnailCache::~ThumbnailCache() {
  pool_.clear();
  pool_.waitForDone();
}

void ThumbnailCache::setFetch(Fetch fetch) {
  fetch_ = std::move(fetch);
  clear();
}

QImage ThumbnailCache::get(Id itemId) {
  if (const QImage* img = cache_.object(itemId)) return *img;  // may be null: no media
  if (pending_.contains(itemId) || !fetch_) return {};
  std::optional<MediaSource> source = fetch_(itemId);
  if (!source) {
    // Labels-only item: remember that there is nothing to show instead of asking again per paint.
    cache_.insert(itemId, new QImage());
    return {};
  }
  pending_.insert(itemId);
  const int edge = edge_;
  auto* watcher = new QFutureWatcher<QImage>(this);
  const int generation = generation_;
  connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, itemId, generation] {
    watcher->deleteLater();
    if (generation != generation_) return;
    pending_.remove(itemId);
    // A null image (undecodable bytes) is cached too, so the item is not fetched again per paint.
    cache_.insert(itemId, new QImage(watcher->result()));
    emit ready(itemId);
  });
  watcher->setFuture(QtConcurrent::run(&pool_, [src = std::move(*source), edge] {
    const QImage full = decodeMedia(src.bytes, src.format, src.width, src.height);
    if (full.isNull()) return QImage();
    // Small images (28x28) are scaled up without smoothing so their pixels stay visible.
    const bool upscale = full.width() < edge && full.height() < edge;
    return full.scaled(edge, edge, Qt::KeepAspectRatio,
                       upscale ? Qt::FastTransformation : Qt::SmoothTransformation);
  }));
  return {};
}

void ThumbnailCache::clear() {
  ++generation_;
  pending_.clear();
  cache_.clear();
}

void ThumbnailCache::waitForIdle() {
  pool_.waitForDone();
  QCoreApplication::processEvents();
}

}  // namespace loupe::widgets
