#include "widgets/commands/capture_commands.h"

#include <QObject>

#include "storage/project.h"

namespace loupe::widgets {
namespace {

QString describe(std::size_t count, const storage::CaptureContext& context) {
  const QString label = context.label ? QString::fromStdString(*context.label) : QObject::tr("unlabelled");
  return count == 1 ? QObject::tr("Capture a frame as %1").arg(label)
                    : QObject::tr("Capture %1 frames as %2").arg(count).arg(label);
}

}  // namespace

CaptureCommand::CaptureCommand(Workspace* ws, std::vector<storage::PendingCapture> items, storage::CaptureContext context)
    // Project-wide (item 0): the new items are not on screen, and undo must not try to show them.
    : StorageCommand(ws, 0, describe(items.size(), context)), items_(std::move(items)), context_(std::move(context)) {}

void CaptureCommand::apply(storage::Project& p) {
  const bool knownClass = !context_.label || p.classes().byName(*context_.label).has_value();
  std::vector<Id> ids;
  for (const auto& c : items_)
    ids.push_back(storage::storeCapture(p, c.item, context_, c.prediction ? &*c.prediction : nullptr));
  ids_ = std::move(ids);  // only once everything is stored: a failed redo rolls back all of it
  if (!knownClass) classesChanged();
  itemChanged();
}

void CaptureCommand::revert(storage::Project& p) {
  for (const Id id : ids_) p.items().remove(id);
  ids_.clear();
  itemChanged();
}

}  // namespace loupe::widgets
