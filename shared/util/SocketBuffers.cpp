#include "util/SocketBuffers.h"

#include <QIODevice>
#include <QtCore/private/qiodevice_p.h>
#include <QtCore/private/qobject_p.h>

namespace moim::util {

namespace {

// QIODevicePrivate's layout is that of the Qt this was built against; the packages pin that
// version (qt6-base-abi).
QIODevicePrivate& privateOf(QIODevice& device)
{
    return *static_cast<QIODevicePrivate*>(QObjectPrivate::get(&device));
}

} // namespace

void trimSocketBuffers(QIODevice& socket)
{
    QIODevicePrivate& d = privateOf(socket);
    const int current = d.currentReadChannel;
    for (int channel = 0; channel < d.readChannelCount; ++channel) {
        d.setCurrentReadChannel(channel);
        d.buffer.setChunkSize(kKeptReadChunkBytes);
        if (d.buffer.isEmpty())
            d.buffer.clear();
    }
    d.setCurrentReadChannel(current);
    releaseEmptyWriteBuffer(socket);
}

void releaseEmptyWriteBuffer(QIODevice& socket)
{
    QIODevicePrivate& d = privateOf(socket);
    const int current = d.currentWriteChannel;
    for (int channel = 0; channel < d.writeChannelCount; ++channel) {
        d.setCurrentWriteChannel(channel);
        if (d.writeBuffer.isEmpty())
            d.writeBuffer.clear();
    }
    d.setCurrentWriteChannel(current);
}

} // namespace moim::util
