#pragma once
// Item names come from files (COCO file_name, VOC <filename>, CSV item, folder paths) and are
// later used as relative paths by exporters, so a name must never escape the export folder.

#include <string>
#include <string_view>

#include "core/domain/errors.h"

namespace loupe {

// Why `name` is unsafe (empty, absolute or containing `..`), or "" when it is safe. Lets bulk
// callers build an InputLocation only for the rare bad name.
std::string itemNameProblem(std::string_view name);

// Throws InputError at `where` for an empty, absolute or `..`-containing name.
void requireSafeItemName(std::string_view name, const InputLocation& where);

// "a/b/c.png" -> "a/b/c" (extension of the last component removed), used for label files.
std::string withoutExtension(std::string_view name);

}  // namespace loupe
