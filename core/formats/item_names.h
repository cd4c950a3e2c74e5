#pragma once
// Item names come from files (COCO file_name, VOC <filename>, CSV item, folder paths) and are
// later used as relative paths by exporters, so a name must never escape the export folder.

#include <string>
#include <string_view>

#include "core/domain/errors.h"

namespace loupe {

// `name` with empty and "." components dropped ("./a//b.png" -> "a/b.png"), so two spellings of
// one file are one item. ".." is kept (and then refused): resolving it could hide an escape.
std::string normalItemName(std::string_view name);

// Why `name` is unsafe, or "" when it is safe: it must pass nameProblem(NameKind::Item) (UTF-8,
// no control characters, at most kMaxItemNameBytes), be relative, hold no `..` component and be
// normalised (normalItemName(name) == name). Lets bulk callers build an InputLocation only for
// the rare bad name.
std::string itemNameProblem(std::string_view name);

// Throws InputError at `where` when itemNameProblem finds something.
void requireSafeItemName(std::string_view name, const InputLocation& where);

// "a/b/c.png" -> "a/b/c" (extension of the last component removed), used for label files.
std::string withoutExtension(std::string_view name);

}  // namespace loupe
