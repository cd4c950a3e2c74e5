#pragma once
// The application's look: Fusion with a calm dark palette (images read better on dark grey).

class QApplication;

namespace loupe::widgets {
void applyLoupeStyle(QApplication& app);
}
