#pragma once
// The application's look: Fusion with the saved theme (widgets/main_window/theme.h; System by
// default, following the desktop's light or dark scheme).

class QApplication;

namespace loupe::widgets {
void applyLoupeStyle(QApplication& app);
}
