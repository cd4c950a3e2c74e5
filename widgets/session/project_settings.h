#pragma once
// QSettings keys for what a labeler's workstation remembers about one project file (the last
// labeler, the last item per labeler, locked boxes): view state that is not project data.

#include <QString>

#include <filesystem>

namespace loupe::widgets {

// "<group>/<base64 of the absolute path>"; `part`, when given, adds "/<base64url of part>".
QString projectSettingsKey(const QString& group, const QString& projectPath, const QString& part = {});
QString projectSettingsKey(const QString& group, const std::filesystem::path& projectPath, const QString& part = {});

}  // namespace loupe::widgets
