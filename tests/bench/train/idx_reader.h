#pragma once
// Minimal reader for the gzipped IDX files of Fashion-MNIST, local to the benchmark so it does
// not depend on the import formats.

#include <string>

#include "core/nn/image_set.h"

loupe::nn::ImageSet readIdxPair(const std::string& imagesGz, const std::string& labelsGz);
