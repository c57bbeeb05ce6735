#pragma once

#include <QWidget>

class QLabel;

namespace moim::ui {

// The title row of a side panel: a bold title and a close button that hides the panel
// (Escape inside the panel does the same).
class PanelHeader : public QWidget {
    Q_OBJECT
public:
    // closeName: what the close button says to screen readers and in its tooltip.
    PanelHeader(QWidget* panel, const QString& closeName);

    void setTitle(const QString& title);

Q_SIGNALS:
    void closed();

private:
    QLabel* m_title;
};

} // namespace moim::ui
