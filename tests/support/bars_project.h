#pragma once
// A small real project for training tests: 28x28 PNG bars of three classes in train/val/test.

#include <filesystem>
#include <map>
#include <vector>

#include "core/domain/types.h"

namespace loupe::test {

struct BarsProject {
  std::filesystem::path path;
  Id reference = 0, human = 0;
  std::vector<Id> classIds;
  std::map<Split, std::vector<Id>> items;
};

// 120 train, 30 val, 32 test items labelled by "ref" (reference); "ann" (human) labels the
// train items with the wrong class, so training on the wrong labeler is detectable. The last two
// test items carry no label at all: they are still predicted.
BarsProject makeBarsProject(const std::filesystem::path& dir);

}  // namespace loupe::test
