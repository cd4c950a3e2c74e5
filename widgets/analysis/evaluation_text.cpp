#include "widgets/analysis/evaluation_text.h"

#include <QObject>
#include <QStringList>

namespace loupe::widgets {
namespace {

// One labeler's answer: its image label (the latest, as storage::loadEvalTable counts it) with
// the score when the labeler gave one, then its box count.
QString answerOf(const storage::Project& project, Id itemId, const Labeler& labeler) {
  const Annotation* label = nullptr;
  int boxes = 0;
  const std::vector<Annotation> annotations = project.annotations(itemId, labeler.id);
  for (const Annotation& a : annotations) {
    if (a.kind == AnnotationKind::Box) ++boxes;
    else if (!label || a.id > label->id) label = &a;
  }
  QStringList parts;
  if (label) {
    const auto cls = project.classById(label->classId);
    QString text = cls ? QString::fromStdString(cls->name) : QObject::tr("class %1").arg(label->classId);
    if (label->score) text += QStringLiteral(" (%1)").arg(*label->score, 0, 'f', 2);
    parts << text;
  }
  if (boxes > 0) parts << QObject::tr("%n box(es)", "", boxes);
  return parts.isEmpty() ? QObject::tr("no answer") : parts.join(QStringLiteral(", "));
}

// "model net", or just "reference" for a labeler named after its role.
QString who(const QString& role, const Labeler& labeler) {
  const QString name = QString::fromStdString(labeler.name);
  return name == role ? role : role + QLatin1Char(' ') + name;
}

}  // namespace

QString evaluationText(const storage::Project& project, Id itemId, const Labeler& model, const Labeler& reference) {
  return QStringLiteral("%1: %2 · %3: %4")
      .arg(who(QObject::tr("model"), model), answerOf(project, itemId, model), who(QObject::tr("reference"), reference),
           answerOf(project, itemId, reference));
}

}  // namespace loupe::widgets
