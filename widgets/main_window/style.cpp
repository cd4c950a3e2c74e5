#include "widgets/main_window/style.h"

#include <QApplication>
#include <QPalette>
#include <QStyleFactory>

namespace loupe::widgets {

void applyLoupeStyle(QApplication& app) {
  app.setStyle(QStyleFactory::create("Fusion"));
  QPalette p;
  const QColor window(0x2d, 0x30, 0x35), base(0x23, 0x25, 0x29), text(0xdc, 0xdf, 0xe4);
  const QColor accent(0x3d, 0x7b, 0xd9);
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
  p.setColor(QPalette::Highlight, accent);
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::Link, accent.lighter(130));
  p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x70, 0x74, 0x7a));
  p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x70, 0x74, 0x7a));
  p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x70, 0x74, 0x7a));
  app.setPalette(p);
  app.setStyleSheet(
      "QDockWidget::title { padding: 5px 8px; background: #26292d; }"
      "QToolBar { border: none; spacing: 2px; padding: 2px; }"
      "QStatusBar QLabel { padding: 0 6px; }"
      "QLabel#labelerChip { background: #3d7bd9; color: white; border-radius: 8px; padding: 1px 10px; "
      "font-weight: bold; }");
}

}  // namespace loupe::widgets
