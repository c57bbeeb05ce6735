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
    for (QRingBuffer& buffer : privateOf(socket).readBuffers) {
        buffer.setChunkSize(kKeptReadChunkBytes);
        if (buffer.isEmpty())
            buffer.clear();
    }
    releaseEmptyWriteBuffer(socket);
}

void releaseEmptyWriteBuffer(QIODevice& socket)
{
    for (QRingBuffer& buffer : privateOf(socket).writeBuffers) {
        if (buffer.isEmpty())
            buffer.clear();
    }
}

} // namespace moim::util
