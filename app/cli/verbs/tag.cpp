// loupe tag P ITEM TAG — tags an item with an error category (the attribute error_tag), so the
// tag becomes a slice: `loupe slices P ... --by error_tag`. An empty TAG removes the tag.
#include <iostream>

#include "app/cli/verb_registry.h"
#include "storage/project.h"

namespace {

using namespace loupe;

struct TagArgs {
  std::string project, item, tag;
  std::string key = "error_tag";
};

static loupe::app::cli::VerbRegistration reg{"tag", [](CLI::App& app) {
  auto args = std::make_shared<TagArgs>();
  auto* sub = app.add_subcommand("tag", "tag an item with an error category (an item attribute)");
  sub->add_option("project", args->project, "project file (.loupe)")->required();
  sub->add_option("item", args->item, "item name or id")->required();
  sub->add_option("tag", args->tag, "error category, free text (empty: remove the tag)")->required();
  sub->add_option("--key", args->key, "attribute key to write (default error_tag)");
  return std::function<int()>([args] {
    auto project = storage::Project::open(args->project);
    auto record = project.itemByName(args->item);
    if (!record && !args->item.empty() && args->item.find_first_not_of("0123456789") == std::string::npos)
      record = project.item(std::stoll(args->item));
    if (!record) throw std::invalid_argument("no item named '" + args->item + "'");
    if (args->tag.empty())
      project.removeAttribute(record->item.id, args->key);
    else
      project.setAttribute(record->item.id, args->key, args->tag);
    return 0;
  });
}};

}  // namespace
