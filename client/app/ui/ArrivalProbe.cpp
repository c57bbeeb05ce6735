#include "ui/ArrivalProbe.h"

#include <QAbstractItemView>
#include <QDateTime>
#include <QEvent>
#include <QTimer>
#include <chat/ChatMessage.h>
#include <chat/TimelineModel.h>

namespace moim::ui {

using chat::TimelineModel;

ArrivalProbe::ArrivalProbe(QAbstractItemView& view, std::function<void(quint64, qint64)> shown)
    : QObject(&view)
    , m_view(view)
    , m_shown(std::move(shown))
{
    view.viewport()->installEventFilter(this);
    connect(view.model(), &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex&, int first, int last) {
                QAbstractItemModel* model = m_view.model();
                if (last != model->rowCount() - 1)
                    return; // older history, not an arrival
                for (int row = first; row <= last; ++row) {
                    const QModelIndex index = model->index(row, 0);
                    const quint64 seq = index.data(TimelineModel::SeqRole).toULongLong();
                    if (seq != 0 && !index.data(TimelineModel::MineRole).toBool() &&
                        index.data(TimelineModel::KindRole).toInt() ==
                            int(chat::ChatMessage::Kind::Message))
                        m_waiting.append(seq);
                }
            });
}

bool ArrivalProbe::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Paint && !m_waiting.isEmpty()) {
        // Reported once this paint is done: the next turn of the event loop.
        QTimer::singleShot(0, this, [this, seqs = std::exchange(m_waiting, {})] {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            for (const quint64 seq : seqs)
                m_shown(seq, now);
        });
    }
    return QObject::eventFilter(watched, event);
}

} // namespace moim::ui
