#include "widgets/main_window/theme.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QGuiApplication>
#include <QMenu>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleHints>

#include <tuple>

namespace loupe::widgets {

namespace {
const char* kThemeKey = "view/theme";

QPalette darkPalette() {
  QPalette p;
  const QColor window(0x2d, 0x30, 0x35), base(0x23, 0x25, 0x29), text(0xdc, 0xdf, 0xe4);
  const QColor accent(0x3d, 0x7b, 0xd9), disabled(0x70, 0x74, 0x7a);
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, base);
  p.setColor(QPalette::AlternateBase, QColor(0x29, 0x2c, 0x30));
  p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x42));
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8f, 0x98));
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, QColor(0x36, 0x39, 0x3f));
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::BrightText, Qt::white);
  p.setColor(QPalette::Light, QColor(0x4a, 0x4e, 0x55));
  p.setColor(QPalette::Midlight, QColor(0x3e, 0x41, 0x47));
  p.setColor(QPalette::Mid, QColor(0x26, 0x28, 0x2b));
  p.setColor(QPalette::Dark, QColor(0x1e, 0x20, 0x23));
  p.setColor(QPalette::Shadow, QColor(0x14, 0x15, 0x17));
  p.setColor(QPalette::Highlight, accent);
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::Link, accent.lighter(130));
  for (QPalette::ColorRole role : {QPalette::Text, QPalette::ButtonText, QPalette::WindowText})
    p.setColor(QPalette::Disabled, role, disabled);
  return p;
}

QPalette lightPalette() {
  // Fusion's own light palette (the style is Fusion by now) with our accent, so both themes highlight alike.
  QPalette p = QApplication::style()->standardPalette();
  p.setColor(QPalette::Highlight, QColor(0x3d, 0x7b, 0xd9));
  p.setColor(QPalette::HighlightedText, Qt::white);
  return p;
}

// Spacing only; the colours come from the palette (palette(role)), resolved on every re-apply.
const char* kStyleSheet =
    "QDockWidget::title { padding: 5px 8px; background: palette(alternate-base); }"
    "QToolBar { border: none; spacing: 2px; padding: 2px; }"
    "QStatusBar QLabel { padding: 0 6px; }"
    "QLabel#labelerChip { background: palette(highlight); color: palette(highlighted-text); "
    "border-radius: 8px; padding: 1px 10px; font-weight: bold; }";

// The desktop's own palette, read before ours replaces it (Qt before 6.5 has no colour scheme hint).
const QPalette& desktopPalette() {
  static const QPalette p = QGuiApplication::palette();
  return p;
}

bool systemIsDark() {
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
  if (const Qt::ColorScheme s = QGuiApplication::styleHints()->colorScheme(); s != Qt::ColorScheme::Unknown)
    return s == Qt::ColorScheme::Dark;
#endif
  return desktopPalette().color(QPalette::Window).lightness() < desktopPalette().color(QPalette::WindowText).lightness();
}

QString themeName(Theme t) {
  switch (t) {
    case Theme::Light: return QStringLiteral("light");
    case Theme::Dark: return QStringLiteral("dark");
    case Theme::System: break;
  }
  return QStringLiteral("system");
}
}  // namespace

Theme savedTheme() {
  const QString name = QSettings().value(kThemeKey).toString();
  if (name == "light") return Theme::Light;
  if (name == "dark") return Theme::Dark;
  return Theme::System;
}

bool themeIsDark(Theme theme) { return theme == Theme::Dark || (theme == Theme::System && systemIsDark()); }

void applyTheme(QApplication& app, Theme theme) {
  QSettings().setValue(kThemeKey, themeName(theme));
  desktopPalette();  // remembered before the first setPalette
  if (QApplication::style()->name().compare("fusion", Qt::CaseInsensitive) != 0) app.setStyle(QStyleFactory::create("Fusion"));
  app.setPalette(themeIsDark(theme) ? darkPalette() : lightPalette());
  // Setting the sheet again re-polishes every widget against the new palette.
  app.setStyleSheet({});
  app.setStyleSheet(kStyleSheet);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
  // While on System, follow the desktop when it switches (one connection, replaced each time).
  static QMetaObject::Connection follow;
  QObject::disconnect(follow);
  if (theme == Theme::System)
    follow = QObject::connect(QGuiApplication::styleHints(), &QStyleHints::colorSchemeChanged, &app,
                              [&app] { applyTheme(app, Theme::System); });
#endif
}

QMenu* addThemeMenu(QMenu* view) {
  QMenu* menu = view->addMenu(QObject::tr("&Theme"));
  auto* group = new QActionGroup(menu);
  const Theme current = savedTheme();
  for (const auto& [theme, text, name] : {std::tuple{Theme::System, QObject::tr("&System"), "theme_system"},
                                          std::tuple{Theme::Light, QObject::tr("&Light"), "theme_light"},
                                          std::tuple{Theme::Dark, QObject::tr("&Dark"), "theme_dark"}}) {
    QAction* a = menu->addAction(text);
    a->setObjectName(name);
    a->setCheckable(true);
    a->setChecked(theme == current);
    group->addAction(a);
    QObject::connect(a, &QAction::triggered, menu, [t = theme] {
      if (auto* app = qobject_cast<QApplication*>(QCoreApplication::instance())) applyTheme(*app, t);
    });
  }
  // The theme may have been set elsewhere (start-up, another window): show the one in force.
  QObject::connect(menu, &QMenu::aboutToShow, menu, [menu] {
    const char* names[] = {"theme_system", "theme_light", "theme_dark"};
    if (auto* a = menu->findChild<QAction*>(names[static_cast<int>(savedTheme())])) a->setChecked(true);
  });
  return menu;
}

}  // namespace loupe::widgets
