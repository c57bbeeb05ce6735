#pragma once

#include <QList>
#include <QObject>
#include <functional>

class QAbstractItemView;

namespace moim::ui {

// For the arrival benchmark (moim --report-shown): reports each message row from someone else
// that is added at the end of a view, with the time its first paint finished. Sequence numbers
// only: no content leaves the app this way.
class ArrivalProbe : public QObject {
    Q_OBJECT
public:
    // shown(seq, epochMs) is called once per row.
    ArrivalProbe(QAbstractItemView& view, std::function<void(quint64, qint64)> shown);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QAbstractItemView& m_view;
    std::function<void(quint64, qint64)> m_shown;
    QList<quint64> m_waiting;
};

} // namespace moim::ui
