#include "widgets/session/project_settings.h"

#include <QFileInfo>

namespace loupe::widgets {

QString projectSettingsKey(const QString& group, const QString& projectPath, const QString& part) {
  QString key = group + QLatin1Char('/') + QString::fromUtf8(QFileInfo(projectPath).absoluteFilePath().toUtf8().toBase64());
  // Base64url: a '/' in the part would open another settings group.
  if (!part.isEmpty())
    key += QLatin1Char('/') + QString::fromLatin1(part.toUtf8().toBase64(QByteArray::Base64UrlEncoding));
  return key;
}

QString projectSettingsKey(const QString& group, const std::filesystem::path& projectPath, const QString& part) {
  return projectSettingsKey(group, QString::fromStdString(projectPath.string()), part);
}

}  // namespace loupe::widgets
