#pragma once
// A small real project for detection training: 64x48 PNGs, each with one bright 12x9 square at a
// random position, boxed by the reference labeler "ref" (boxes only, no image labels).

#include <filesystem>
#include <map>
#include <vector>

#include "core/domain/types.h"

namespace loupe::test {

struct SquaresProject {
  std::filesystem::path path;
  Id reference = 0;
  std::map<Split, std::vector<Id>> items;
  std::map<Id, Box> boxes;  // the reference box of each item
};

// 40 train, 12 val, 12 test items of class "square".
SquaresProject makeSquaresProject(const std::filesystem::path& dir);

}  // namespace loupe::test
