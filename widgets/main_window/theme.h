#pragma once
// Light and dark: the application palette is the only place colours for text, backgrounds and
// frames come from, so every widget follows it. "System" follows the desktop's colour scheme
// (and its changes); Light and Dark force Fusion with a palette of ours. The choice is kept in
// QSettings. Class and labeler colours are data and stay as the user chose them.

#include <QObject>

class QApplication;
class QMenu;

namespace loupe::widgets {

enum class Theme { System, Light, Dark };

Theme savedTheme();
// Applies `theme` to the whole application and remembers it.
void applyTheme(QApplication& app, Theme theme);
// The palette a theme resolves to now (System: the desktop's scheme).
bool themeIsDark(Theme theme);

// View > Theme: System / Light / Dark, exclusive, checked on the saved choice. Action object
// names: theme_system, theme_light, theme_dark.
QMenu* addThemeMenu(QMenu* view);

}  // namespace loupe::widgets
