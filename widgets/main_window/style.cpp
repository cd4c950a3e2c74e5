#include "widgets/main_window/style.h"

#include <QApplication>

#include "widgets/main_window/theme.h"

namespace loupe::widgets {

void applyLoupeStyle(QApplication& app) { applyTheme(app, savedTheme()); }

}  // namespace loupe::widgets
