#pragma once
// A small hand-made dataset for storage tests: non-square images with real PNG bytes, boxes
// touching the image edges and fractional coordinates, COCO category ids that are neither 0- nor
// 1-based, attributes and splits.

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/formats/dataset.h"
#include "core/formats/sha256.h"

namespace loupe::test {

inline DatasetImage pngImage(const std::string& name, int width, int height, Split split) {
  cv::Mat img(height, width, CV_8UC3);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      img.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>(x % 256), static_cast<uchar>(y % 256),
                                          static_cast<uchar>((x + y) % 256));
  DatasetMedia media;
  media.format = "png";
  cv::imencode(".png", img, media.bytes);
  DatasetImage out;
  out.name = name;
  out.width = width;
  out.height = height;
  out.split = split;
  out.contentHash = sha256Hex(media.bytes);
  out.media = std::move(media);
  return out;
}

inline DatasetAnnotation boxOn(const std::string& item, const std::string& cls, Box b, int line = 0) {
  DatasetAnnotation a;
  a.item = item;
  a.className = cls;
  a.kind = AnnotationKind::Box;
  a.box = b;
  a.sourceLine = line;
  return a;
}

inline DatasetAnnotation labelOn(const std::string& item, const std::string& cls, const std::string& labeler = {}) {
  DatasetAnnotation a;
  a.item = item;
  a.className = cls;
  a.labeler = labeler;
  return a;
}

// 3 images (640x360, 240x320, 100x50), 6 boxes, classes person(0), bicycle(7), dog(12).
inline Dataset sampleDataset() {
  Dataset d;
  d.classes = {"person", "bicycle", "dog"};
  d.classFileIds = {{"person", 0}, {"bicycle", 7}, {"dog", 12}};
  d.images.push_back(pngImage("frames/wide.png", 640, 360, Split::Train));
  d.images.push_back(pngImage("tall.png", 240, 320, Split::Val));
  d.images.push_back(pngImage("small.png", 100, 50, Split::Test));
  d.images[0].attributes = {{"light", "day"}};
  d.images[1].attributes = {{"light", "night"}};
  d.annotations = {
      boxOn("frames/wide.png", "bicycle", {0, 0, 640, 360}),             // the whole image
      boxOn("frames/wide.png", "person", {600.5, 300.25, 39.5, 59.75}),  // bottom-right edge
      boxOn("tall.png", "dog", {10.125, 20.375, 30.5, 40.25}),
      boxOn("tall.png", "person", {0, 280, 240, 40}),                    // bottom edge, full width
      boxOn("small.png", "dog", {33.333, 16.667, 33.334, 16.666}),       // thirds: not exact in binary
      boxOn("small.png", "person", {0, 0, 1, 1}),
  };
  return d;
}

}  // namespace loupe::test
