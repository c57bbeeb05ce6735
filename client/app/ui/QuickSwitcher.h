#pragma once

#include <QDialog>

class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QStandardItemModel;

namespace moim::ui {

// Ctrl+K: type a few letters of a room or a person and press Enter to go there.
class QuickSwitcher : public QDialog {
    Q_OBJECT
public:
    explicit QuickSwitcher(QWidget* parent = nullptr);

    // Rooms by id and title, people by id and name (a person opens the direct message).
    void setTargets(const QList<QPair<quint64, QString>>& rooms,
                    const QList<QPair<quint64, QString>>& people);

Q_SIGNALS:
    void roomChosen(quint64 roomId);
    void personChosen(quint64 userId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void choose();

    QLineEdit* m_filter;
    QListView* m_list;
    QStandardItemModel* m_targets;
    QSortFilterProxyModel* m_proxy;
};

} // namespace moim::ui
